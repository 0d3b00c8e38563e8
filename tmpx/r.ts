import { runFlow } from '../src/lib/flows/index.ts';
const cases: [any, any, any?][] = [
 ['enhanced-guest', { guestAccess: false }],
 ['enhanced-authenticated', { expireToken: true }],
 ['developer-enhanced', { expireToken: true }],
 ['developer-basic', { expireToken: true }],
 ['developer-basic', { tamperClaim: true }],
 ['enhanced-authenticated', { otherPoolToken: true }],
 ['enhanced-authenticated', { sendAccessToken: true }],
 ['enhanced-authenticated', { roleMapping: 'rules-no-match-deny' }],
 ['enhanced-authenticated', { trust: 'wrong-aud' }],
 ['enhanced-authenticated', { trust: 'wrong-amr' }],
 ['enhanced-guest', { trust: 'wrong-amr' }],
 ['basic-authenticated', { classicFlow: false }],
 ['basic-authenticated', { trust: 'wrong-aud' }],
 ['basic-authenticated', { trust: 'wrong-amr' }],
 ['enhanced-authenticated', { tamperClaim: true }],
 ['enhanced-authenticated', { tamperClaim: true }, 'facebook'],
];
for (const [f, s, p] of cases) {
  const run = await runFlow(f, { settings: s, provider: p });
  const e = run.steps.find(x => x.error);
  console.log(f, JSON.stringify(s), p ?? '', e ? `${e.index} ${e.id} ${e.error!.name}: ${e.error!.message}` : 'OK');
}
