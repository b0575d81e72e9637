import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ENTER_ADDRESS, fetchSavedAddresses, type SavedAddress } from '../helpers/savedAddress';

const ENTER = 'Enter an Address';

/** "name · province · city · district · street (default)", as the Address dropdown lists it. */
export function savedAddressLabel(a: SavedAddress): INodePropertyOptions {
	return {
		name: [a.name, a.province, a.city, a.district, a.address].filter(Boolean).join(' · ') + (a.isDefault ? ' (default)' : ''),
		value: a.id,
		description: `Address ${a.id}${a.phone ? ` · tel. ${a.phone}` : ''}`,
	};
}

export const addressLoadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
	/**
	 * Receiving addresses saved in PandaPon (Address → Get), after Enter an Address. Without saved
	 * addresses the list is not an error: typing one stays possible, and its entry says why it is alone.
	 */
	async getSavedAddresses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const list = (await fetchSavedAddresses(this)).filter((a) => a.id !== '');
		const enter: INodePropertyOptions = {
			name: ENTER,
			value: ENTER_ADDRESS,
			description:
				list.length === 0
					? `No saved addresses in this PandaPon account — add one in the PandaPon console (or with Address → Create or Update), or choose ${ENTER} and type it below`
					: 'Type the address below',
		};
		return [enter, ...list.map(savedAddressLabel)];
	},
};
