import { describe, expect, it } from 'vitest';
import { groupLines, planDedup } from '../../src/cli/dedup-plan.js';
import { handReport } from '../report/hand-report.js';

const GRANT =
  'Permission is hereby granted, free of charge, to any person obtaining a copy of this software.';

describe('planDedup --level document --match whole', () => {
  // paragraphs 'document': one unit a document, so every member is paragraph 0.
  const { report } = handReport({
    paragraphs: 'document',
    docs: [
      { id: 'a', text: 'short text of the first copy' },
      { id: 'b', text: 'unrelated' },
      { id: 'c', text: 'short text of the first copy, a little longer here' },
      { id: 'd', text: 'short text of the first copy' },
    ],
    clusters: [
      {
        kind: 'near',
        members: [
          ['a', 0],
          ['c', 0, 0.75],
          ['d', 0, 1],
        ],
      },
    ],
  });

  it('keeps the first of each cluster and drops the rest', () => {
    const plan = planDedup(report, 'document', 'whole', 'first');
    expect([...plan.dropped]).toEqual([0, 0, 1, 1]);
    expect(plan.removed).toBe(2);
    expect([...groupLines(plan)].map((l) => JSON.parse(l))).toEqual([
      {
        id: 0,
        kind: 'near',
        representative: 'a',
        members: [
          { doc: 'a', jaccard: 1 },
          { doc: 'c', jaccard: 0.75 },
          { doc: 'd', jaccard: 1 },
        ],
        minJaccard: 0.75,
        kept: 'a',
      },
    ]);
  });

  it('keeps the one with the most words with --keep longest', () => {
    const plan = planDedup(report, 'document', 'whole', 'longest');
    expect([...plan.dropped]).toEqual([1, 0, 0, 1]);
    expect(JSON.parse([...groupLines(plan)][0]).kept).toBe('c');
  });
});

describe('planDedup --level document --match paragraphs', () => {
  it('drops every member of a document group but the one kept', () => {
    const { report } = handReport({
      docs: ['x', 'y', 'z'].map((id) => ({ id, text: `${GRANT}\n\nOther words.` })),
      documentGroups: [
        {
          kind: 'exact',
          representative: 'x',
          members: ['x', 'y', 'z'].map((doc) => ({ doc, exact: 2, near: 0, added: 0, removed: 0 })),
        },
      ],
    });
    const plan = planDedup(report, 'document', 'paragraphs', 'first');
    expect([...plan.dropped]).toEqual([0, 1, 1]);
    expect(JSON.parse([...groupLines(plan)][0])).toMatchObject({ representative: 'x', kept: 'x' });
  });
});

describe('planDedup --level paragraph', () => {
  const { report } = handReport({
    docs: [
      { id: 'p1', text: `Own words one.\n\n${GRANT}` },
      { id: 'p2', text: `${GRANT}\n\nOwn words two.\n\n${GRANT}` },
      { id: 'p3', text: `${GRANT} And more words at the end of it.\n\nOwn three.` },
    ],
    clusters: [
      {
        kind: 'near',
        members: [
          ['p1', 1],
          ['p2', 0, 1],
          ['p2', 2, 1],
          ['p3', 0, 0.72],
        ],
      },
    ],
  });

  it('removes every member but the first, recording the copy kept', () => {
    const plan = planDedup(report, 'paragraph', 'whole', 'first');
    expect([...plan.dropped]).toEqual([0, 0, 0]);
    expect(plan.removed).toBe(3);
    expect(plan.removals.get(0)).toBeUndefined();
    expect(plan.removals.get(1)).toEqual([
      { paragraph: 0, group: 0, kept: { doc: 'p1', paragraph: 1 } },
      { paragraph: 2, group: 0, kept: { doc: 'p1', paragraph: 1 } },
    ]);
    expect(plan.removals.get(2)).toEqual([{ paragraph: 0, group: 0, kept: { doc: 'p1', paragraph: 1 } }]);
  });

  it('keeps the longest member with --keep longest', () => {
    const plan = planDedup(report, 'paragraph', 'whole', 'longest');
    expect(plan.removals.get(2)).toBeUndefined();
    expect(plan.removals.get(0)).toEqual([{ paragraph: 1, group: 0, kept: { doc: 'p3', paragraph: 0 } }]);
    expect(JSON.parse([...groupLines(plan)][0]).kept).toEqual({ doc: 'p3', paragraph: 0 });
  });
});
