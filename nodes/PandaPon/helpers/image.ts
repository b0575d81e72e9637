import type { INodeProperties } from 'n8n-workflow';

import type { Params } from './params';

/*
 * Images the user passes in: a file in a binary property of the input item, or a public URL.
 * The fields and their checks are shared; what is sent (base64, the URL, both) stays with each
 * operation.
 */

/** The most a 1688 image call takes. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export const IMAGE_SOURCES = ['binary', 'url'] as const;
export type ImageSource = (typeof IMAGE_SOURCES)[number];

/** The input item's binary property that holds the image. */
export function binaryImageProperty(what: string): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the image',
		description: `Binary property of the input item that holds the ${what} (JPEG or PNG), usually "data"`,
	};
}

/**
 * Where the image comes from (parameter `source`, values binary | url), the binary property, and
 * the URL (parameter `url`). `defaultSource` is what saved workflows rely on: keep it per operation.
 */
export function imageSourceProperties(o: {
	/** First word of the display names: Image Source / Image URL, Voucher Source / Voucher URL. */
	label: 'Image' | 'Voucher';
	source: string;
	defaultSource: ImageSource;
	url: string;
	what: string;
	urlDescription: string;
	urlPlaceholder: string;
}): INodeProperties[] {
	const source: INodeProperties = {
		displayName: `${o.label} Source`,
		name: o.source,
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: `The ${o.what} in a binary property of the input item` },
			{ name: 'Image URL', value: 'url', description: `A public link to the ${o.what}` },
		],
		default: 'binary',
		description: `Where the ${o.what} comes from`,
	};
	return [
		{ ...source, default: o.defaultSource },
		{ ...binaryImageProperty(o.what), displayOptions: { show: { [o.source]: ['binary'] } } },
		{
			displayName: `${o.label} URL`,
			name: o.url,
			type: 'string',
			default: '',
			required: true,
			placeholder: o.urlPlaceholder,
			description: o.urlDescription,
			displayOptions: { show: { [o.source]: ['url'] } },
		},
	];
}

/** The image file; refused when empty or, with `maxBytes`, larger than that. */
export async function readImageFile(p: Params, maxBytes?: number, name = 'binaryPropertyName') {
	const file = await p.binary(name);
	if (file.buffer.length === 0) p.fail(name, `names an empty file (${file.fileName})`, 'Pass a JPEG or PNG image.');
	if (maxBytes !== undefined && file.buffer.length > maxBytes) {
		p.fail(name, `names a file of ${file.buffer.length} bytes, more than ${maxBytes / 1024 / 1024} MB`, 'Resize the image (e.g. with the Edit Image node) first.');
	}
	return file;
}

/** An image address: http(s) only. */
export function readImageUrl(p: Params, name: string): string {
	const url = p.string(name, { required: true });
	if (!/^https?:\/\/\S+$/i.test(url)) {
		p.fail(name, `must be an http(s) URL, got "${url.slice(0, 60)}"`, 'Enter the full, public address of the image, e.g. https://example.com/photo.jpg.');
	}
	return url;
}
