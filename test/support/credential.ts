/**
 * The credential every real-n8n run imports: the package's own type, a fixed id the workflows and
 * examples refer to, pointed at the emulator (or, in `npm run dev`, at Stripe with a test key).
 */
import type { Emulator } from './emulator';

export const CREDENTIAL_TYPE = 'stripePlatformApi';

export const CREDENTIAL = Object.freeze({ id: 'stripe-emulator', name: 'Stripe (local emulator)' });

/** A node's `credentials` entry for the suite's credential. */
export const credentialRef = () => ({ [CREDENTIAL_TYPE]: { ...CREDENTIAL } });

/** The fields of the package's credential (credentials/StripePlatformApi.credentials.ts). */
export interface CredentialData {
	secretKey: string;
	baseUrl: string;
	accountId: string;
	apiVersion: string;
}

/** An entry for `n8n import:credentials` (test/n8n/instance.ts importCredentials). */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: CredentialData;
}

/** The suite's credential with the emulator's test key and URL. */
export function emulatorCredential(emu: Pick<Emulator, 'url' | 'testKey'>, overrides: Partial<CredentialData> = {}): CredentialImport {
	return {
		...CREDENTIAL,
		type: CREDENTIAL_TYPE,
		data: { secretKey: emu.testKey, baseUrl: emu.url, accountId: '', apiVersion: '', ...overrides },
	};
}
