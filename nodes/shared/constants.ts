/**
 * The newest API version whose event shapes the nodes were checked against, used by the trigger
 * when neither the node nor the credential pins one. 2026-08-26.dahlia is a monthly release, which
 * Stripe keeps free of breaking changes; stripe-node 22.6.0 pins it. Not 2026-09-30.endive or later:
 * endive is a breaking major, and while stripe-node 23.1.0's types show climate, webhook endpoint
 * and event envelope shapes unchanged, no endive spec of the private-preview onramp session (the
 * crypto.onramp_session_updated event) exists to check. README: "API versions and the events a
 * trigger receives".
 */
export const LATEST_API_VERSION = '2026-08-26.dahlia';

export const STRIPE_API_BASE_URL = 'https://api.stripe.com';

export const CREDENTIAL_TYPE = 'stripePlatformApi';

/** Secret and restricted keys, test and live: what the credential accepts. */
export const SECRET_KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

export const SECRET_KEY_HINT =
	'A Stripe secret key starts with sk_test_ or sk_live_ (restricted keys: rk_test_ or rk_live_), followed by letters and digits. Copy it from Developers → API keys in the Stripe Dashboard.';
