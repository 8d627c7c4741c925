/** The payload sets: a model of clerk-ruby-sorbet, how many distinct payloads, and sizes. */
export interface PayloadSet {
  name: string;
  model: string;
  /** Distinct payloads validated in turn. */
  count: number;
  /** A list of this many values of the model (validated as an array of it). */
  list?: number;
  /** Fixed array lengths: "Model.field" -> n. */
  lengths?: Record<string, number>;
}

export const SETS: PayloadSet[] = [
  { name: "PhoneNumber", model: "PhoneNumber", count: 64 },
  { name: "EmailAddress", model: "EmailAddress", count: 64 },
  { name: "User", model: "User", count: 64 },
  { name: "Organization", model: "Organization", count: 64 },
  { name: "OrganizationMembership", model: "OrganizationMembership", count: 64 },
  { name: "Session", model: "Session", count: 64 },
  { name: "Client", model: "Client", count: 64 },
  { name: "Invitation", model: "Invitation", count: 64 },
  { name: "SchemasSAMLConnection", model: "SchemasSAMLConnection", count: 64 },
  { name: "JWTTemplate", model: "JWTTemplate", count: 64 },
  { name: "User, 50 email addresses", model: "User", count: 8, lengths: { "User.email_addresses": 50 } },
  { name: "Client, 20 sessions", model: "Client", count: 8, lengths: { "Client.sessions": 20 } },
  { name: "100 users", model: "User", count: 4, list: 100 },
  { name: "100 organization memberships", model: "OrganizationMembership", count: 4, list: 100 },
  { name: "Organizations, 100 items", model: "Organizations", count: 4, lengths: { "Organizations.data": 100 } },
];
