/**
 * What a model reads about each operation when an action node is an agent's tool (the Tool
 * variant's `toolDescription`, by "resource:operation"): what it does, what it costs, units and
 * formats, ids, what comes back and its limits. Plain text, never starting with "=": n8n 2.41 would
 * evaluate that as an expression and 2.8 would not.
 */

const LIST_NOTE =
	'Returns the newest first, 10 by default (limit: up to 100), each in a compact form; set full_object only when a field you need is missing.';

export const CLIMATE_TOOL_DESCRIPTIONS: Record<string, string> = {
	'order:create':
		"Buy permanent carbon removal with Stripe Climate. This SPENDS MONEY: the order is paid at once from the Stripe account's balance, and can only be undone with Cancel within 24 hours (Stripe refunds it less its fees). Confirm the product and quantity with the user before calling. Give product (an id such as climsku_frontier_offtake_portfolio_2027, from the product list) and either metric_tons (a decimal such as 0.5) or amount (an integer in the currency's smallest unit, 2500 = 25.00 USD) with currency (usd, eur, gbp, ...), not both. Returns the order: id (climorder_...), status, metric tons, amounts and fees, expected delivery.",
	'order:get': 'Retrieve one carbon removal order by its id (climorder_...). Returns its status (open, confirmed, delivered, canceled), metric tons, amounts, fees, product and delivery details.',
	'order:getAll': `List the account's carbon removal orders. ${LIST_NOTE}`,
	'order:update':
		'Change the beneficiary public name or the metadata of a carbon removal order (climorder_...). Costs nothing. Returns the updated order.',
	'order:cancel':
		'Cancel a carbon removal order (climorder_...) within 24 hours of its creation; Stripe refunds the amount less its fees to the balance. Cannot be undone. Refused once the order is confirmed or older than 24 hours. Returns the canceled order.',
	'product:get':
		'Retrieve one carbon removal product by id (climsku_...): its name, price per metric ton in each currency (amounts in the smallest unit), tons still available and its suppliers.',
	'product:getAll': `List the carbon removal products that can be ordered, with their price per metric ton and the tons available. Product ids look like climsku_frontier_offtake_portfolio_2027. ${LIST_NOTE}`,
	'supplier:get': 'Retrieve one carbon removal supplier by id (climsup_...): its name, removal pathway, locations and description.',
	'supplier:getAll': `List the companies that remove and store carbon for Stripe Climate, with their removal pathway and locations. ${LIST_NOTE}`,
};

export const CRYPTO_ONRAMP_TOOL_DESCRIPTIONS: Record<string, string> = {
	'onrampSession:create':
		"Start a Stripe crypto onramp session, in which a customer buys crypto with fiat in Stripe's onramp UI. Costs nothing by itself; the customer pays when they complete it. Optional: wallet_addresses as a JSON object of network to address ({\"ethereum\": \"0x...\"}, then also a destination network), source_amount (fiat, decimal such as 100.00) or destination_amount (crypto, decimal), currencies and networks from the listed values, customer_ip_address. Returns the session: id (cos_...), status, amounts and fees. Its client secret, which opens the session in the buyer's browser, is withheld.",
	'onrampSession:get': 'Retrieve an onramp session by id (cos_...): status (initialized, rejected, requires_payment, fulfillment_processing, fulfillment_complete), amounts, fees, currencies and network.',
	'onrampSession:getAll': `List onramp sessions, optionally only one status, destination currency or network, or a creation time range (created_after, created_before in ISO 8601, or created_period such as last7Days). ${LIST_NOTE}`,
	'onrampSession:checkout':
		"Complete an onramp session (cos_...) headlessly: Stripe charges the customer's payment method and delivers the crypto. This MOVES MONEY and cannot be undone. Only with the customer's consent: for online acceptance give the mandate's acceptance_type online with the customer's ip_address and user_agent. Returns the session with its new status.",
	'onrampSession:refreshQuote': 'Get a new executable quote for an onramp session (cos_...) whose quote expired. Costs nothing. Returns the session with the new amounts and fees.',
	'onrampQuote:get':
		'Price crypto before a purchase: how much crypto a fiat amount buys on each network (amount_type source, amount in USD as a decimal such as 100.00), or what a crypto amount costs (amount_type destination, exactly one destination currency and network). Costs nothing. Returns one quote per network and currency with the exchange rate and fees.',
	'transactionLimits:get':
		'How much a customer may still buy through the onramp, for their wallet address or IP address. Costs nothing. Returns the remaining limits per period.',
};

export const FORWARDING_TOOL_DESCRIPTIONS: Record<string, string> = {
	'request:create':
		"Forward an HTTP request with a saved card's details to a third party: Stripe fills the card number, expiry, CVC or name into the request body and sends it to the destination URL. This SENDS CARD DATA TO A THIRD PARTY (such as a payment processor), which may charge the card; it cannot be undone. Only destination URLs Stripe has enabled for the account work. Give payment_method (pm_...), url, replacements (which card fields to fill) and request_body (at most 5000 characters). Returns the forwarding request: id (fwdreq_...), the destination's response status and body.",
	'request:get': "Retrieve a forwarding request by id (fwdreq_...): where it went, which card fields were filled, and the destination's response status and body.",
	'request:getAll': `List forwarding requests, optionally within a creation time range (created_after, created_before in ISO 8601, or created_period such as last7Days). ${LIST_NOTE}`,
};

export const WEBHOOK_ENDPOINT_TOOL_DESCRIPTIONS: Record<string, string> = {
	'endpoint:create':
		'Create a Stripe webhook endpoint: Stripe starts sending the event types in enabled_events (comma-separated, such as invoice.paid,climate.order.delivered, or * for all) to the url at once. Costs nothing. Returns the endpoint: id (we_...), url, events, status. Its signing secret is withheld.',
	'endpoint:get': 'Retrieve a webhook endpoint by id (we_...): its url, the event types it receives, status (enabled or disabled) and description.',
	'endpoint:getAll': `List the account's webhook endpoints with their url, events and status. ${LIST_NOTE}`,
	'endpoint:update':
		'Change a webhook endpoint (we_...): its url, event types (these replace the current ones), description, metadata, or disable or enable it. Returns the updated endpoint.',
	'endpoint:delete': 'Delete a webhook endpoint (we_...): Stripe stops sending it events at once. Cannot be undone. Returns the id and deleted: true.',
	'event:get': 'Retrieve a Stripe event of the last 30 days by id (evt_...): its type, when it happened and the object it is about.',
	'event:getAll': `List Stripe events of the last 30 days, optionally of given types (event_types, comma-separated, such as invoice.paid, or type_group such as climate.order.*) or a creation time range (created_after, created_before, or created_period such as last7Days). ${LIST_NOTE}`,
};

/**
 * What a tool costs, said to the agent builder in the Tool variant: the model decides when to
 * call it, so the builder decides whether the model may.
 */
export const CLIMATE_TOOL_NOTICES: Record<string, string> = {
	'order:create':
		"With this tool the model buys carbon removal, paid at once from your Stripe balance, whenever it decides to. Each call gets its own idempotency key. Tell the agent to confirm with the user first, or fix the product and the quantity below.",
	'order:cancel': 'With this tool the model cancels orders; a canceled order cannot be restored.',
};

export const CRYPTO_ONRAMP_TOOL_NOTICES: Record<string, string> = {
	'onrampSession:checkout': "With this tool the model completes onramp sessions: Stripe charges the customer's payment method. Give it only where the customer has agreed.",
};

export const FORWARDING_TOOL_NOTICES: Record<string, string> = {
	'request:create':
		"With this tool the model sends a saved card's details to a third party. Fix the Destination URL and Replacements below, so the model chooses only the payment method and the body.",
};

export const WEBHOOK_ENDPOINT_TOOL_NOTICES: Record<string, string> = {
	'endpoint:delete': 'With this tool the model deletes webhook endpoints; Stripe stops sending them events at once.',
};
