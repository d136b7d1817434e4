/**
 * The credential dialog's "test" as the editor runs it (n8n's internal REST API: save the credential,
 * then POST /rest/credentials/test): what n8n shows for a working key, for each kind of refusal
 * Stripe answers (of the key or of the default connected account), and for a Base URL that is not Stripe. n8n's own tester decides what is shown, so
 * this is where the credential's test rules are proven to reach the user.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { StripePlatformApi } from '../../credentials/StripePlatformApi.credentials';
import { CREDENTIAL_TYPE } from '../support/credential';
import { check, checkEqual, type Report } from '../support/report';
import * as n8n from '../n8n/instance';
import { running, type E2eContext } from './context';

/** The message of the credential's rule for what Stripe said (an error code or type; undefined: not Stripe). */
function ruleMessage(said: string | undefined): string {
	const rule = (new StripePlatformApi().test.rules ?? []).find((r) => r.type === 'responseSuccessBody' && r.properties.value === said);
	if (!rule) throw new Error(`the credential has no test rule for ${String(said)}`);
	return rule.properties.message;
}

/** A server that answers every request 200 with a sign-in page, as a wrong Base URL might. */
async function signInPage(): Promise<{ url: string; close: () => Promise<void> }> {
	const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Sign in</title>'));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export async function credentialDialog(report: Report, ctx: E2eContext): Promise<void> {
	const page = await signInPage();
	const { baseUrl } = running(ctx);
	const cases: Array<{ what: string; secretKey: string; apiBase: string; accountId?: string; status: 'OK' | 'Error'; message: string }> = [
		{ what: 'a working key', secretKey: ctx.emu.testKey, apiBase: ctx.emu.url, status: 'OK', message: 'Connection successful!' },
		{ what: 'a revoked key (401)', secretKey: 'sk_test_revoked0123456789abcd', apiBase: ctx.emu.url, status: 'Error', message: ruleMessage('invalid_request_error') },
		{ what: 'an expired key (401 api_key_expired)', secretKey: 'sk_test_expired0123456789abcd', apiBase: ctx.emu.url, status: 'Error', message: ruleMessage('api_key_expired') },
		{ what: 'a restricted key without access (403)', secretKey: 'rk_test_denied0123456789abcd', apiBase: ctx.emu.url, status: 'Error', message: ruleMessage('invalid_request_error') },
		{
			what: 'a Default Connected Account the key cannot reach (403 account_invalid)',
			secretKey: ctx.emu.testKey,
			apiBase: ctx.emu.url,
			accountId: 'acct_unconnected01',
			status: 'Error',
			message: ruleMessage('account_invalid'),
		},
		{ what: 'a Base URL that is a sign-in page', secretKey: ctx.emu.testKey, apiBase: page.url, status: 'Error', message: ruleMessage(undefined) },
	];
	try {
		for (const c of cases) {
			await report.step(`credential dialog, ${c.what} → ${c.status === 'OK' ? '"Connection successful!"' : 'the message for it'}`, async () => {
				const name = `credential test: ${c.what}`;
				const data = { secretKey: c.secretKey, baseUrl: c.apiBase, accountId: c.accountId ?? '', apiVersion: '' };
				const saved = await n8n.rest(baseUrl, ctx.cookie, 'POST', '/credentials', { name, type: CREDENTIAL_TYPE, data });
				try {
					const shown = await n8n.rest(baseUrl, ctx.cookie, 'POST', '/credentials/test', { credentials: { id: saved.id, name, type: CREDENTIAL_TYPE, data } });
					checkEqual({ status: shown?.status, message: shown?.message }, { status: c.status, message: c.message }, 'what n8n shows');
					check(!JSON.stringify(shown).includes(c.secretKey), 'the answer contains the secret key');
					return `${shown.status}: ${String(shown.message).slice(0, 60)}${String(shown.message).length > 60 ? '…' : ''}`;
				} finally {
					await n8n.rest(baseUrl, ctx.cookie, 'DELETE', `/credentials/${saved.id}`).catch(() => {});
				}
			});
		}
	} finally {
		await page.close();
	}
}
