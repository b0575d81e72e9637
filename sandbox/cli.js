#!/usr/bin/env node
'use strict';

/** npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--seed 1] [--orders 60] [--latency 0] [--qps 0] [--callback URL ...] */
const { startSandbox } = require('./index');

function parseArgs(argv) {
	const out = { port: 8787, host: '127.0.0.1', seed: 1, orders: 60, latencyMs: 0, qps: 0, callbackUrls: [] };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port': out.port = Number(value()); break;
			case '--host': out.host = value(); break;
			case '--seed': out.seed = Number(value()); break;
			case '--orders': out.orders = Number(value()); break;
			case '--latency': out.latencyMs = Number(value()); break;
			case '--qps': out.qps = Number(value()); break;
			case '--callback': out.callbackUrls.push(value()); break;
			case '--push-body-as-string': out.pushBodyAsString = true; break;
			case '--not-found': (out.notFoundPaths = out.notFoundPaths || []).push(value()); break;
			case '--timestamp-unit': out.timestampUnit = value(); break;
			case '--signature': out.signature = value(); break;
			case '-h':
			case '--help':
				console.log('Usage: npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--seed 1] [--orders 60] [--latency ms] [--qps n] [--callback URL]... [--push-body-as-string] [--not-found PATH]... [--timestamp-unit seconds|milliseconds] [--signature documented|secret-first|hmac-sha256]');
				process.exit(0);
				break;
			default:
				console.error(`Unknown option ${argv[i]} (try --help)`);
				process.exit(2);
		}
	}
	return out;
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const sb = await startSandbox(opts);
	const c = sb.credentials;
	const s = sb.state;
	const f = s.fixtures;
	const lines = [
		`PandaPon sandbox listening on ${sb.url}`,
		'',
		'Credentials (n8n "PandaPon API" credential):',
		`  Base URL       ${sb.url}`,
		`  Access Key     ${c.accessKey}`,
		`  Access Secret  ${c.accessSecret}`,
		`  User Id        ${c.userId}`,
		'',
		`Seed ${opts.seed}, ${opts.orders} orders per platform${opts.latencyMs ? `, latency ${opts.latencyMs} ms` : ''}${opts.qps ? `, ${opts.qps} qps` : ''}`,
		'',
		'Example ids:',
		`  1688 order (waitsellersend)     ${f.alibaba.orderWaitSellerSend}  sub-orders ${f.alibaba.orderWaitSellerSendEntries.join(', ')}`,
		`  1688 order (waitbuyerreceive)   ${f.alibaba.orderWaitBuyerReceive}`,
		`  1688 order (waitbuyerpay)       ${f.alibaba.orderWaitBuyerPay}`,
		`  1688 offer                      ${f.alibaba.offerId}`,
		`  Taobao order (awaiting payment) ${f.taobao.orderWaitPay}`,
		`  Taobao order (paid)             ${f.taobao.orderPaid}`,
		`  Taobao item (> 2^53)            ${f.taobao.itemIdBig}  sku ${f.taobao.itemIdBigSku}`,
		`  Taobao cart ids                 ${(s.taobao.carts.get(c.userId) || []).map((x) => x.id).join(', ')}`,
		`  1688 cart ids                   ${(s.alibaba.carts.get(c.userId) || []).map((x) => x.id).join(', ')}`,
		'',
		'Try:',
		`  open ${sb.url}/__admin/state for more ids; GET ${sb.url}/__admin/counters; GET ${sb.url}/__admin/pushes`,
		'  POST /__admin/simulate {"action":"1688.ship","orderId":"2542285634920880794"} to let the seller ship',
		'  POST /__admin/faults {"errorRate":0.2,"errorKinds":["http500","timeout"]} to inject failures',
		'  Signed API calls need headers access-key, timestamp, nonce-str, user-id, signature',
		'  (signature = uppercase hex MD5(accessKey + timestamp + nonce + accessSecret)).',
		...(opts.notFoundPaths || opts.timestampUnit || opts.signature
			? [`Variant: ${[opts.notFoundPaths && `HTTP 404 for ${opts.notFoundPaths.join(', ')}`, opts.timestampUnit && `only ${opts.timestampUnit}`, opts.signature && `signature ${opts.signature}`].filter(Boolean).join('; ')}`]
			: []),
		opts.callbackUrls.length ? `Pushing to ${opts.callbackUrls.join(', ')}` : 'No --callback URL: state changes are not pushed.',
		'',
		'Ctrl-C to stop.',
	];
	console.log(lines.join('\n'));
	const stop = async () => {
		await sb.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	console.error(err && err.message ? err.message : err);
	process.exit(1);
});
