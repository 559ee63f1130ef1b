// `npm start`: the demo stack on fixed loopback ports, its values printed last, Ctrl-C to stop.
import { DemoDataInUseError, DemoPortInUseError, startDemoStack } from './stack.js';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name} must be a port number from 1 to 65535 (got "${raw}").`);
    process.exit(1);
  }
  return port;
}

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[22m` : text);
const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[22m` : text);

const port = portFromEnv('PORT', 5173);
const simulatorPort = portFromEnv('SIMULATOR_PORT', 4010);
// The simulated org's instance (its API); by default the port after the login port.
const simulatorInstancePort = portFromEnv('SIMULATOR_INSTANCE_PORT', simulatorPort + 1);

let stack: Awaited<ReturnType<typeof startDemoStack>>;
try {
  stack = await startDemoStack({
    port,
    simulatorPort,
    simulatorInstancePort,
    // Default <repo>/.data; the npm start test points it at a temp folder.
    ...(process.env.DEMO_DATA_DIR ? { dataDir: process.env.DEMO_DATA_DIR } : {}),
    log: (line) => console.log(dim(line)),
  });
} catch (error) {
  const plain = error instanceof DemoPortInUseError || error instanceof DemoDataInUseError;
  console.error(plain ? error.message : error);
  process.exit(1);
}

let stoppingSince: number | undefined;
async function stop(signal: string) {
  if (stoppingSince !== undefined) {
    // A second Ctrl-C while stopping ends at once. One press can arrive twice (the terminal
    // signals the whole process group, and npm passes it on too): only a later press counts.
    if (signal === 'SIGINT' && Date.now() - stoppingSince > 1000) process.exit(130);
    return;
  }
  stoppingSince = Date.now();
  console.log(dim(`\n${signal}: stopping the page, the server and the simulator…`));
  try {
    await stack.close();
    console.log(dim('Stopped. The connection is kept in .data/ for the next npm start.'));
    process.exit(0);
  } catch (error) {
    console.error('Could not stop cleanly:', error);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const { values } = stack;
console.log(
  [
    '',
    `Demo: ${bold(values.pageUrl.replace(/\/$/, ''))}`,
    `Salesforce login URL: ${values.loginUrl}`,
    `Consumer Key: ${values.consumerKey}`,
    `Consumer Secret: ${values.consumerSecret}`,
    `Username: ${values.username}`,
    `Password: ${values.password}`,
    'Stop: Ctrl-C',
  ].join('\n'),
);
