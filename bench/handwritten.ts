/**
 * Hand-written straight-line checkers for two clerk models, PhoneNumber and Organization, as a
 * person would write them for speed: nested `typeof` checks, properties read by name, no
 * allocation, no closures. The limit to compare with — they skip what the generated validators
 * must do (own-property checks, the depth bound, try/catch), so they are a bound, not a peer.
 */

function isLink(v: any): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const t = v.type;
  return (
    (t === "oauth_google" || t === "oauth_mock" || t === "saml" || t === "oauth_microsoft" || t === "email_link") && typeof v.id === "string"
  );
}

export function handPhoneNumber(v: any): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  let x = v.id;
  if (x !== undefined && x !== null && typeof x !== "string") return false;
  if (v.object !== "phone_number") return false;
  if (typeof v.phone_number !== "string") return false;
  x = v.reserved_for_second_factor;
  if (x !== undefined && x !== null && typeof x !== "boolean") return false;
  x = v.default_second_factor;
  if (x !== undefined && x !== null && typeof x !== "boolean") return false;
  if (typeof v.reserved !== "boolean") return false;
  if (!("verification" in v)) return false;
  x = v.linked_to;
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!isLink(x[i])) return false;
  x = v.backup_codes;
  if (x !== undefined && x !== null) {
    if (!Array.isArray(x)) return false;
    for (let i = 0; i < x.length; i++) if (typeof x[i] !== "string") return false;
  }
  return Number.isInteger(v.created_at) && Number.isInteger(v.updated_at);
}

function isMeta(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function handOrganization(v: any): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  if (v.object !== "organization") return false;
  if (typeof v.id !== "string" || typeof v.name !== "string" || typeof v.slug !== "string") return false;
  let x = v.members_count;
  if (x !== undefined && x !== null && !Number.isInteger(x)) return false;
  if (!Number.isInteger(v.max_allowed_memberships)) return false;
  x = v.admin_delete_enabled;
  if (x !== undefined && x !== null && typeof x !== "boolean") return false;
  if (!isMeta(v.public_metadata) || !isMeta(v.private_metadata)) return false;
  x = v.created_by;
  if (x !== undefined && x !== null && typeof x !== "string") return false;
  return Number.isInteger(v.created_at) && Number.isInteger(v.updated_at);
}

export function handOrganizations(v: any): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const d = v.data;
  if (!Array.isArray(d)) return false;
  for (let i = 0; i < d.length; i++) if (!handOrganization(d[i])) return false;
  return Number.isInteger(v.total_count);
}
