import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { LATEST_API_VERSION, SECRET_KEY_HINT, SECRET_KEY_PATTERN } from './constants';
import { isConnectedAccountId, isStripeVersionHeader } from './validate';

/** The Stripe Platform API credential's fields, trimmed (empty when not set). */
export interface StripeCredentialFields {
	secretKey: string;
	accountId: string;
	apiVersion: string;
}

/** What is wrong with one field of the credential, in words a user can act on. */
export interface CredentialFieldProblem {
	field: 'Secret Key' | 'Default Connected Account' | 'API Version';
	message: string;
}

export function readCredentialFields(credentials: ICredentialDataDecryptedObject): StripeCredentialFields {
	const read = (name: string) => String(credentials[name] ?? '').trim();
	return { secretKey: read('secretKey'), accountId: read('accountId'), apiVersion: read('apiVersion') };
}

/**
 * The first field Stripe would refuse, checked before any request carries it (by the credential's
 * own authentication, so the credential test shows it, and by the nodes' transport).
 */
export function credentialFieldProblem(fields: StripeCredentialFields): CredentialFieldProblem | undefined {
	if (!SECRET_KEY_PATTERN.test(fields.secretKey)) return { field: 'Secret Key', message: SECRET_KEY_HINT };
	if (fields.accountId && !isConnectedAccountId(fields.accountId)) {
		return {
			field: 'Default Connected Account',
			message: `Default Connected Account must be a connected account ID starting with "acct_", got "${fields.accountId}"`,
		};
	}
	if (fields.apiVersion && !isStripeVersionHeader(fields.apiVersion)) {
		return { field: 'API Version', message: `API Version must look like "${LATEST_API_VERSION}", got "${fields.apiVersion}"` };
	}
	return undefined;
}
