// The Salesforce simulator in a process of its own, for the Postgres throughput bench (the
// handler processes and the load client must not share its event loop). Takes the callback URL
// as its argument, prints one `READY {json}` line (its URL and the app's credentials) and serves
// until its stdin closes.
import { startSalesforceSimulator } from '../src/simulator/index.js';

/** What the process prints after `READY `. */
export interface SimulatorProcessInfo {
  url: string;
  consumerKey: string;
  consumerSecret: string;
}

const callbackUrl = process.argv[2];
if (!callbackUrl) throw new Error('Give the callback URL as the first argument.');
const simulator = await startSalesforceSimulator({ port: 0 });
const app = simulator.addApp({
  name: 'Bench Sync',
  callbackUrls: [callbackUrl],
  scopes: ['api', 'refresh_token', 'id'],
});
const info: SimulatorProcessInfo = {
  url: simulator.url,
  consumerKey: app.consumerKey,
  consumerSecret: app.consumerSecret,
};
process.stdout.write(`READY ${JSON.stringify(info)}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void simulator.close().finally(() => process.exit(0));
});
