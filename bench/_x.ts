import { prepareContext } from './stages/context.js';
import { verificationTasks } from './stages/verification.js';

const ctx = await prepareContext(10000, 10);
const v = verificationTasks(ctx);
const t = v.tasks[2];
const times: number[] = [];
for (let r = 0; r < 25; r++) {
  const s = performance.now();
  t.fn();
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
console.log(t.name.slice(0, 40), 'median', times[12].toFixed(1), 'min', times[0].toFixed(1));
