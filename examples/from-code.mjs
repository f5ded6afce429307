// Using neardup from your own code: one detector (a single async set-up), then synchronous calls.
import { createDetector, estimateJaccard, NearDupError } from 'neardup';

const detector = await createDetector({ threshold: 0.6, minOverlapWords: 6 });

const report = detector.find([
  'The committee approved the budget for the new library after a long debate on Tuesday.',
  'After a long debate on Tuesday, the committee approved the budget for the new library.',
  'The weather was mild.\n\nThe committee approved the budget for the new library after a long debate on Tuesday!',
]);
for (const pair of report.pairs) {
  console.log(
    `${pair.kind.padEnd(7)} ${pair.a.doc}#${pair.a.paragraph} ~ ${pair.b.doc}#${pair.b.paragraph}  Jaccard ${pair.jaccard.toFixed(2)}`,
  );
}

// Signatures of single paragraphs, for your own storage or comparisons.
const x = detector.signature('the committee approved the budget for the new library');
const y = detector.signature('the committee approved the budget for the old library');
console.log(`estimated Jaccard: ${estimateJaccard(x, y).toFixed(2)}`);

// Bad input is reported with a stable code and a message that names the value.
try {
  await createDetector({ treshold: 0.8 });
} catch (error) {
  if (error instanceof NearDupError) console.log(`${error.code}: ${error.message}`);
}
