/**
 * The JSON the relay page (GET /oauth/callback) hands its script: the message, its target origin
 * and channel. Throws when the page carries none.
 */
export function relayData(html: string): {
  message?: Record<string, unknown>;
  targetOrigin?: string;
  channel?: string;
} {
  const match = /<script type="application\/json" id="sfc-relay">([^<]*)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no relay data in the page');
  return JSON.parse(match[1]);
}
