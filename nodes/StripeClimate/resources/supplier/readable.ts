import type { IDataObject } from 'n8n-workflow';

import { orNull } from '../../../shared/readable';

/** A climate supplier as a person reads it. Stripe gives suppliers no creation time. */
export function readableClimateSupplier(supplier: IDataObject): IDataObject {
	const locations = Array.isArray(supplier.locations) ? (supplier.locations as IDataObject[]) : [];
	return {
		id: supplier.id,
		name: orNull(supplier.name),
		removalPathway: orNull(supplier.removal_pathway),
		infoUrl: orNull(supplier.info_url),
		countries: [...new Set(locations.map((location) => location.country).filter((country) => typeof country === 'string'))],
		locations: locations.map((location) => [location.city, location.region, location.country].filter((part) => typeof part === 'string' && part !== '').join(', ')),
		livemode: orNull(supplier.livemode),
	};
}
