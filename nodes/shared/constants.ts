/** The newest API version in the bundled spec subset (spec/SOURCE.txt); stripe-node 22.5 pins the same. */
export const LATEST_API_VERSION = '2026-07-29.dahlia';

export const STRIPE_API_BASE_URL = 'https://api.stripe.com';

export const CREDENTIAL_TYPE = 'stripePlatformApi';

/** Secret and restricted keys, test and live: what the credential accepts. */
export const SECRET_KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

export const SECRET_KEY_HINT =
	'A Stripe secret key starts with sk_test_ or sk_live_ (restricted keys: rk_test_ or rk_live_), followed by letters and digits. Copy it from Developers → API keys in the Stripe Dashboard.';
