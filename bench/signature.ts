/**
 * Row 4 — Signature verification: time per event of the trigger's verifyStripeSignature against
 * stripe.webhooks.constructEvent on the same signed payloads (a realistic ~2 KB event). Both check
 * the HMAC and the timestamp and parse the JSON. Rounds alternate between the two; the median
 * round is reported.
 */
import Stripe from 'stripe';

import { verifyStripeSignature } from '../nodes/StripeEventsTrigger/signature';
import { fmtMs, fmtRatio, median, progress } from './lib';
import type { Section } from './report';

const SECRET = 'whsec_benchmarkSigningSecret0123456789abcdef';

/** A climate.order.created event as Stripe sends it, about 2 KB of JSON. */
export function sampleEvent(index: number): string {
	const created = 1_780_000_000 + index;
	return JSON.stringify({
		id: `evt_1Bench${String(index).padStart(18, '0')}`,
		object: 'event',
		api_version: '2026-07-29.dahlia',
		created,
		data: {
			object: {
				id: `climorder_1Bench${String(index).padStart(14, '0')}`,
				object: 'climate.order',
				amount_fees: 123,
				amount_subtotal: 47500,
				amount_total: 47623,
				beneficiary: { public_name: 'Frontier climate buyers cooperative' },
				canceled_at: null,
				cancellation_reason: null,
				certificate: null,
				confirmed_at: null,
				created,
				currency: 'usd',
				delayed_at: null,
				delivered_at: null,
				delivery_details: [
					{
						delivered_at: null,
						location: { city: 'San Francisco', country: 'US', latitude: 37.7749, longitude: -122.4194, region: 'CA' },
						metric_tons: '0.5',
						registry_url: 'https://registry.example.com/certificates/1234567890',
						supplier: {
							id: 'climsup_charm_industrial',
							info_url: 'https://charmindustrial.com',
							livemode: false,
							locations: [{ city: 'San Francisco', country: 'US', latitude: 37.7749, longitude: -122.4194, region: 'CA' }],
							name: 'Charm Industrial',
							object: 'climate.supplier',
							removal_pathway: 'biomass_carbon_removal_and_storage',
						},
					},
					{
						delivered_at: null,
						location: { city: 'Hayward', country: 'US', latitude: 37.6688, longitude: -122.0808, region: 'CA' },
						metric_tons: '0.5',
						registry_url: 'https://registry.example.com/certificates/1234567891',
						supplier: {
							id: 'climsup_heirloom',
							info_url: 'https://www.heirloomcarbon.com',
							livemode: false,
							locations: [{ city: 'Hayward', country: 'US', latitude: 37.6688, longitude: -122.0808, region: 'CA' }],
							name: 'Heirloom',
							object: 'climate.supplier',
							removal_pathway: 'direct_air_capture',
						},
					},
				],
				expected_delivery_year: 2029,
				livemode: false,
				metadata: { order_reference: `order-${index}`, customer: 'cus_QbenchCustomer0001', campaign: 'spring-offset-2026' },
				metric_tons: '1',
				product: 'climsku_frontier_offtake_portfolio_2029',
				product_substituted_at: null,
				status: 'open',
			},
		},
		livemode: false,
		pending_webhooks: 1,
		request: { id: `req_Bench${String(index).padStart(10, '0')}`, idempotency_key: `bench-order-${index}-5f0c2a9e-8d47-4c51-b0a3-2e9d6f1c7b84` },
		type: 'climate.order.created',
	});
}

export interface SignatureOptions {
	iterations: number;
	rounds: number;
}

export async function signatureBench(options: SignatureOptions): Promise<Section> {
	const started = Date.now();
	const stripe = new Stripe('sk_test_benchmarkSecretKey0123456789');
	// 100 distinct signed events, reused round-robin (signing is not measured)
	const timestamp = Math.floor(Date.now() / 1000);
	const events = Array.from({ length: 100 }, (_, index) => {
		const payload = sampleEvent(index);
		return { payload, buffer: Buffer.from(payload), header: stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp }) };
	});
	const bytes = median(events.map((event) => event.buffer.length));

	const ours = (n: number) => {
		const now = Math.floor(Date.now() / 1000);
		for (let i = 0; i < n; i++) {
			const event = events[i % events.length];
			const check = verifyStripeSignature(event.buffer, event.header, SECRET, 300, now);
			if (!check.ok) throw new Error(`verifyStripeSignature refused a good event: ${check.reason}`);
		}
	};
	const sdk = (n: number) => {
		for (let i = 0; i < n; i++) {
			const event = events[i % events.length];
			const parsed = stripe.webhooks.constructEvent(event.buffer, event.header, SECRET, 300);
			if (!parsed.id) throw new Error('constructEvent returned no event');
		}
	};
	const time = (fn: (n: number) => void) => {
		const t0 = process.hrtime.bigint();
		fn(options.iterations);
		return Number(process.hrtime.bigint() - t0) / 1e6 / options.iterations;
	};
	// warm-up: both paths JIT-compiled before anything counts
	ours(2000);
	sdk(2000);
	const oursPerEvent: number[] = [];
	const sdkPerEvent: number[] = [];
	for (let round = 0; round < options.rounds; round++) {
		if (round % 2 === 0) {
			oursPerEvent.push(time(ours));
			sdkPerEvent.push(time(sdk));
		} else {
			sdkPerEvent.push(time(sdk));
			oursPerEvent.push(time(ours));
		}
	}
	const oursMs = median(oursPerEvent);
	const sdkMs = median(sdkPerEvent);
	progress(`signature: ours ${fmtMs(oursMs)}/event, SDK ${fmtMs(sdkMs)}/event`);

	// Also correct on a bad signature, and the reject path's cost (an attacker's flood)
	const bad = events[0].header.replace(/v1=([0-9a-f])/, (_m, c: string) => `v1=${c === '0' ? '1' : '0'}`);
	const refused = verifyStripeSignature(events[0].buffer, bad, SECRET, 300, Math.floor(Date.now() / 1000));
	if (refused.ok) throw new Error('verifyStripeSignature accepted a wrong signature');

	const ratio = oursMs / sdkMs;
	const perSecond = (ms: number) => `${Math.round(1000 / ms).toLocaleString('en')}/s`;
	return {
		key: 'signature',
		title: 'Signature verification',
		setup: [
			`${options.rounds} rounds × ${options.iterations.toLocaleString('en')} verifications each, alternating; ${bytes}-byte climate.order.created events ` +
				'(100 distinct payloads signed by stripe.webhooks.generateTestHeaderString), tolerance 300 s, in-process after a warm-up.',
		],
		columns: ['verifier', 'median per event', 'range of rounds', 'events/s', 'vs SDK'],
		rows: [
			[
				'verifyStripeSignature (this package)',
				fmtMs(oursMs),
				`${fmtMs(Math.min(...oursPerEvent))}–${fmtMs(Math.max(...oursPerEvent))}`,
				perSecond(oursMs),
				fmtRatio(ratio),
			],
			[
				'stripe.webhooks.constructEvent',
				fmtMs(sdkMs),
				`${fmtMs(Math.min(...sdkPerEvent))}–${fmtMs(Math.max(...sdkPerEvent))}`,
				perSecond(sdkMs),
				'1×',
			],
		],
		verdicts: [{ target: '≤ 1× the SDK per event', measured: fmtRatio(ratio), met: ratio <= 1 }],
		notes: [
			'Both verify an HMAC-SHA256 over `t.body` with a constant-time compare, check the timestamp tolerance and JSON-parse the body; ' +
				'the SDK also builds a typed Event. A wrong signature is refused (checked once per run).',
		],
		summary: `${fmtRatio(ratio)} the SDK's time per event (${fmtMs(oursMs)} vs ${fmtMs(sdkMs)})`,
		seconds: (Date.now() - started) / 1000,
	};
}
