/**
 * The checkout automation template (examples/checkout-carbon-removal.json) published in a real n8n:
 * `n8n start` registers its endpoint with the emulator, which then signs and delivers
 * `checkout.session.completed` events (POST /_emulator/events, as `stripe trigger` does): one
 * climate order per paid session, none for an unpaid one, none more for a redelivered event, and
 * each order's idempotency key made from its event's id.
 */
import * as crypto from 'node:crypto';

import type { Emulator, StripeJson } from '../support/emulator';
import { check, type Report } from '../support/report';
import * as n8n from '../n8n/instance';
import type { N8nInstance } from '../n8n/instance';
import { readTemplate } from './reports';

export const AUTOMATION_FILE = 'examples/checkout-carbon-removal.json';

/** A Checkout Session as Stripe's checkout.session.completed event carries it (the fields the template reads, and a few more). */
function checkoutSession(paymentStatus: 'paid' | 'unpaid', amountTotal: number): StripeJson {
	return {
		id: `cs_test_${crypto.randomBytes(12).toString('hex')}`,
		object: 'checkout.session',
		amount_subtotal: amountTotal,
		amount_total: amountTotal,
		currency: 'usd',
		mode: 'payment',
		payment_status: paymentStatus,
		status: 'complete',
		livemode: false,
		metadata: {},
	};
}

export async function runAutomation(
	report: Report,
	{ home, emu, start }: { home: string; emu: Emulator; start: () => Promise<N8nInstance> },
): Promise<void> {
	const workflow = readTemplate(AUTOMATION_FILE);
	const trigger = workflow.nodes.find((n) => n.type.endsWith('.stripeEventsTrigger'));
	check(trigger?.webhookId, `${AUTOMATION_FILE} has no Stripe Events Trigger with a webhookId`);
	await report.step(
		'checkout automation published (n8n publish:workflow)',
		async () => {
			const r = await n8n.publish(home, workflow.id);
			return `${workflow.id} published in ${r.durationMs} ms`;
		},
		{ critical: true },
	);
	const inst = await report.step(
		'n8n start: the trigger registers its endpoint for checkout.session.completed',
		async () => {
			const started = await start();
			const url = started.webhookUrl(trigger.webhookId as string, 'webhook');
			const ep = await n8n.waitFor(async () => ((await emu.objects('webhook_endpoint')) as StripeJson[]).find((e) => e.url === url), {
				timeoutMs: 60000,
				what: `a webhook endpoint for ${url}`,
			});
			check(JSON.stringify(ep.enabled_events) === '["checkout.session.completed"]', `enabled_events ${JSON.stringify(ep.enabled_events)}`);
			return { detail: `${ep.id} → ${url}, ${Date.now() - started.startedAt} ms after spawn`, value: { started, endpointId: ep.id as string } };
		},
		{ critical: true },
	);
	if (!inst) return;

	const ordersAbout = async (sessionId: string) =>
		((await emu.objects('climate.order')) as StripeJson[]).filter((o) => o.metadata?.checkout_session === sessionId);
	const deliveredTo = async (eventId: string, n: number) =>
		n8n.waitFor(
			async () => {
				const mine = (await emu.deliveriesOf(eventId)).filter((d) => d.endpointId === inst.endpointId);
				return mine.length >= n && mine[n - 1].status !== null ? mine[n - 1] : null;
			},
			{ timeoutMs: 30000, what: `delivery #${n} of ${eventId} to n8n` },
		);

	const paid = [checkoutSession('paid', 4200), checkoutSession('paid', 990)];
	const unpaid = checkoutSession('unpaid', 15000);
	const events: Array<{ session: StripeJson; event: StripeJson }> = [];
	await report.step('signed deliveries of two paid and one unpaid Checkout Session: one order per paid session, none for the unpaid', async () => {
		await emu.clearLog();
		for (const session of [...paid, unpaid]) {
			const event = await emu.admin('POST', '/events', { type: 'checkout.session.completed', object: session });
			events.push({ session, event });
		}
		for (const { event } of events) {
			const d = await deliveredTo(event.id, 1);
			check(d.status === 200, `n8n answered ${d.status ?? d.error} to ${event.id}`);
		}
		const orders = await n8n.waitFor(
			async () => {
				const lists = await Promise.all(paid.map((s) => ordersAbout(s.id)));
				return lists.every((l) => l.length >= 1) ? lists : null;
			},
			{ timeoutMs: 30000, what: 'an order for each paid session' },
		);
		await n8n.sleep(1500); // a second order, or one for the unpaid session, would show up now
		for (const [i, s] of paid.entries()) {
			const now = await ordersAbout(s.id);
			check(now.length === 1, `${now.length} orders for paid session ${s.id}`);
			check(now[0].metric_tons === '0.01', `order of ${s.id}: ${now[0].metric_tons} t`);
			check(now[0].metadata.stripe_event === events[i].event.id, `order of ${s.id} names event ${now[0].metadata.stripe_event}`);
		}
		check((await ordersAbout(unpaid.id)).length === 0, 'an order was created for the unpaid session');
		const creates = (await emu.requests()).filter((r) => r.method === 'POST' && r.path === '/v1/climate/orders');
		const keys = creates.map((r) => r.headers['idempotency-key']).sort();
		const want = paid.map((_, i) => `checkout-carbon-${events[i].event.id}`).sort();
		check(JSON.stringify(keys) === JSON.stringify(want), `idempotency keys ${JSON.stringify(keys)}, expected ${JSON.stringify(want)}`);
		return `${orders.flat().map((o) => o.id).join(', ')}; ${creates.length} POST /v1/climate/orders with keys from the event ids; unpaid ${unpaid.id}: none`;
	});
	await report.step('a redelivered paid event creates no second order', async () => {
		const { event, session } = events[0];
		await emu.admin('POST', `/events/${event.id}/redeliver`, { endpoint: inst.endpointId });
		const d = await deliveredTo(event.id, 2);
		check(d.status === 200, `n8n answered the redelivery ${d.status ?? d.error}`);
		await n8n.sleep(1500);
		const orders = await ordersAbout(session.id);
		check(orders.length === 1, `${orders.length} orders for ${session.id} after the redelivery`);
		const total = ((await emu.objects('climate.order')) as StripeJson[]).filter((o) => o.metadata?.checkout_session).length;
		check(total === 2, `${total} orders from checkouts in all`);
		return `redelivery of ${event.id} answered 200; still 1 order for ${session.id}, 2 in all`;
	});
}
