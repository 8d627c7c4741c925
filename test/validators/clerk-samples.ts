/**
 * Hand-written VALID samples of clerk-ruby-sorbet models, following the docs under
 * ../shared/corpora/clerk-ruby-sorbet/models/shared/ (required fields present, a mix of optional
 * ones, some optional ones explicitly null). Each call returns a fresh object.
 */

export type Sample = Record<string, unknown>;

const T0 = 1_700_000_000_000;

/** identificationlink.md: type (Type enum), id. */
export function identificationLink(type: string, id: string): Sample {
  return { type, id };
}

/** phonenumber.md */
export function phoneNumber(): Sample {
  return {
    id: "idn_phone_1",
    object: "phone_number",
    phone_number: "+15555550100",
    reserved_for_second_factor: false,
    default_second_factor: null,
    reserved: false,
    verification: { status: "verified", strategy: "phone_code", attempts: 1, expire_at: null },
    linked_to: [identificationLink("oauth_google", "idn_g_1"), identificationLink("saml", "idn_s_1")],
    backup_codes: ["code-1", "code-2"],
    created_at: T0,
    updated_at: T0 + 1,
  };
}

/** emailaddress.md */
export function emailAddress(n = 0): Sample {
  return {
    id: `idn_email_${n}`,
    object: "email_address",
    email_address: `user${n}@example.com`,
    reserved: false,
    verification: null,
    linked_to: [identificationLink("oauth_microsoft", `idn_m_${n}`), identificationLink("email_link", `idn_l_${n}`)],
    created_at: T0,
    updated_at: T0,
  };
}

/** web3wallet.md */
export function web3Wallet(): Sample {
  return {
    id: "idn_w3_1",
    object: "web3_wallet",
    web3_wallet: "0x0123456789abcdef0123456789abcdef01234567",
    verification: { status: "unverified" },
    created_at: T0,
    updated_at: T0,
  };
}

/** user.md: every field is optional (Sorbet T.nilable). */
export function user(): Sample {
  return {
    id: "user_1",
    object: "user",
    external_id: null,
    primary_email_address_id: "idn_email_0",
    username: "ada",
    first_name: "Ada",
    last_name: "Lovelace",
    image_url: "https://img.example.com/ada.png",
    has_image: true,
    public_metadata: { plan: "pro", seats: 3 },
    private_metadata: {},
    unsafe_metadata: null,
    email_addresses: [emailAddress(0), emailAddress(1)],
    phone_numbers: [phoneNumber()],
    web3_wallets: [web3Wallet()],
    passkeys: [],
    password_enabled: true,
    two_factor_enabled: false,
    mfa_enabled_at: null,
    last_sign_in_at: T0,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    updated_at: T0,
    created_at: T0,
    create_organizations_limit: 0,
    last_active_at: 1_700_690_400_000,
  };
}

/** organization.md */
export function organization(): Sample {
  return {
    object: "organization",
    id: "org_1",
    name: "Acme",
    slug: "acme",
    members_count: 12,
    max_allowed_memberships: 100,
    admin_delete_enabled: null,
    public_metadata: { tier: "gold" },
    private_metadata: {},
    created_at: T0,
    updated_at: T0,
  };
}

/** latestactivity.md */
export function latestActivity(): Sample {
  return {
    object: "session_activity",
    id: "sess_act_1",
    device_type: "Macintosh",
    is_mobile: false,
    browser_name: "Firefox",
    city: null,
    country: "FR",
  };
}

/** session.md */
export function session(n = 0): Sample {
  return {
    object: "session",
    id: `sess_${n}`,
    user_id: "user_1",
    client_id: "client_1",
    actor: null,
    status: "active",
    last_active_organization_id: "org_1",
    last_active_at: T0,
    latest_activity: latestActivity(),
    expire_at: T0 + 86_400_000,
    abandon_at: T0 + 2 * 86_400_000,
    updated_at: T0,
    created_at: T0,
  };
}

/** client.md */
export function client(): Sample {
  return {
    object: "client",
    id: "client_1",
    session_ids: ["sess_0", "sess_1"],
    sessions: [session(0), session(1)],
    sign_in_id: "sia_1",
    sign_up_id: "sua_1",
    last_active_session_id: "sess_1",
    updated_at: T0,
    created_at: T0,
  };
}

/** organizationmembership.md (all optional) with organizationmembershiporganization.md, publicuserdata.md. */
export function organizationMembership(): Sample {
  return {
    id: "orgmem_1",
    object: "organization_membership",
    role: "org:admin",
    role_name: null,
    permissions: ["org:sys_profile:manage", "org:sys_memberships:read", "org:sys_domains:read"],
    public_metadata: {},
    organization: {
      object: "organization",
      id: "org_1",
      name: "Acme",
      slug: "acme",
      max_allowed_memberships: 5,
      public_metadata: {},
      private_metadata: { internal: true },
      created_by: "user_1",
      created_at: T0,
      updated_at: T0,
    },
    public_user_data: { user_id: "user_1", first_name: "Ada", has_image: false, identifier: "ada@example.com" },
    created_at: T0,
    updated_at: null,
  };
}

/** invitation.md */
export function invitation(): Sample {
  return {
    object: "invitation",
    id: "inv_1",
    email_address: "new@example.com",
    public_metadata: { source: "admin" },
    revoked: false,
    status: "pending",
    url: null,
    created_at: T0,
    updated_at: T0,
  };
}
