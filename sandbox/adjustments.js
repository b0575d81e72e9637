'use strict';

/**
 * Sandbox-side parameter definitions. The catalog does not know the parameters of its `inferred`
 * operations; the sandbox accepts the ones below (validated like catalog params). `relax` drops a
 * catalog requirement that contradicts the catalog's own examples.
 */
const q = (name, type, required = false) => ({ in: 'query', name, type, required, sandbox: true });
const b = (name, type, required = false) => ({ in: 'body', name, type, required, sandbox: true });
const paging = (where) => [where('pageNo', 'integer'), where('pageSize', 'integer')];
const beginPaging = [b('keyword', 'string'), b('beginPage', 'integer'), b('pageSize', 'integer'), b('country', 'string')];

module.exports = {
	'taobao.product.imageQuery': { extraParams: [b('imageUrl', 'string'), b('imageBase64', 'string'), ...paging(b)] },
	'taobao.order.getImLink': { relax: ['loginName', 'password', 'pageName', 'pageParamMap'] },
	'taobao.order.list': { extraParams: [...paging(q), q('status', 'integer'), q('orderId', 'string')] },
	'taobao.order.uploadPaymentVoucher': { extraParams: [b('orderId', 'string', true), b('voucherUrl', 'string')] },
	'taobao.order.cancel': { extraParams: [b('orderId', 'string', true), b('cancelReason', 'string')] },
	'taobao.order.pay': { extraParams: [b('orderId', 'string', true)] },
	'taobao.order.get': { extraParams: [q('orderId', 'string', true)] },
	'taobao.order.getLogistics': { extraParams: [q('orderId', 'string', true)] },
	'taobao.afterSale.returnLogisticsRender': { extraParams: [q('refundId', 'string', true)] },
	'taobao.afterSale.returnLogisticsSubmit': {
		extraParams: [b('refundId', 'string', true), b('logisticsCompanyCode', 'string'), b('logisticsNo', 'string')],
	},
	'taobao.afterSale.submit': {
		extraParams: [
			b('subOrderId', 'string', true),
			b('refundType', 'integer'),
			b('goodsStatus', 'integer'),
			b('reasonId', 'integer', true),
			b('refundFee', 'integer'),
			b('refundDesc', 'string'),
		],
	},
	'taobao.afterSale.listMessages': { extraParams: [b('refundId', 'string', true)] },
	'taobao.afterSale.modify': {
		extraParams: [b('refundId', 'string', true), b('reasonId', 'integer'), b('refundFee', 'integer'), b('refundDesc', 'string')],
	},
	'taobao.cart.previewOrder': { extraParams: [b('ids', 'array<integer>', true), b('userId', 'string')] },
	'taobao.cart.list': { extraParams: [q('userId', 'string'), ...paging(q)] },
	'taobao.cart.delete': { extraParams: [b('ids', 'array<integer>', true), b('userId', 'string')] },
	'taobao.cart.editQuantity': { extraParams: [b('id', 'integer', true), b('quantity', 'integer', true)] },
	'1688.product.getCategory': { extraParams: [b('categoryId', 'integer', true), b('language', 'string')] },
	'1688.product.recommend': { extraParams: [...paging(b), b('language', 'string'), b('outMemberId', 'string')] },
	'1688.order.getLogisticsTrace': { extraParams: [q('orderId', 'string', true)] },
	'1688.order.list': { extraParams: [...paging(b), b('beginPage', 'integer'), b('status', 'string')] },
	'1688.order.pay': { extraParams: [q('orderId', 'string', true)] },
	'1688.afterSale.uploadVoucher': { extraParams: [b('imageBase64', 'string'), b('fileName', 'string')] },
	'1688.cart.delete': { extraParams: [b('cartIds', 'array<integer>'), b('ids', 'array<integer>')] },
	'1688.cart.previewOrder': { extraParams: [b('cartIds', 'array<integer>', true), b('addressParam', 'object')] },
	'1688.cart.add': {
		extraParams: [b('offerId', 'integer'), b('offerMapId', 'string'), b('specId', 'string'), b('quantity', 'integer')],
	},
	'1688.marketing.globalStrictSelection': { extraParams: beginPaging },
	'1688.marketing.strictSelection': { extraParams: beginPaging },
	'1688.marketing.hotList': { extraParams: beginPaging },
};
