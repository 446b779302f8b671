import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TupleIds } from '../src/tupleIds.js';

const atom = fc.oneof(fc.constantFrom(null, true, false, 0, -0, Number.NaN, 1, '1', 'null', '', 'a'), fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }));

describe('TupleIds', () => {
  it('gives equal tuples equal ids and different tuples different ids', () => {
    fc.assert(fc.property(fc.array(fc.array(atom, { maxLength: 4 }), { maxLength: 30 }), (tuples) => {
      const ids = new TupleIds();
      const got = tuples.map((t) => { ids.begin(); for (const a of t) ids.add(a); return ids.id(); });
      const key = (t: unknown[]) => JSON.stringify(t.map((a) => [typeof a, a]));
      tuples.forEach((a, i) => tuples.forEach((b, j) => expect(got[i] === got[j]).toBe(key(a) === key(b))));
    }), { numRuns: 500 });
  });

  it('compares atoms as Map keys do (SameValueZero), the first child of a node as its others', () => {
    const ids = new TupleIds();
    const a = ids.begin().add(Number.NaN).add(0).id();
    expect(ids.begin().add(Number.NaN).add(-0).id()).toBe(a);
    expect(ids.begin().add(1).add('x').id()).not.toBe(ids.begin().add(1).add('y').id());
    expect(ids.begin().add(1).add('y').id()).toBe(ids.begin().add(1).add('y').id());
  });

  it('numbers ids in first-seen order', () => {
    const ids = new TupleIds();
    expect(ids.begin().add('a').id()).toBe(0);
    expect(ids.begin().add('b').id()).toBe(1);
    expect(ids.begin().add('a').id()).toBe(0);
    expect(ids.begin().id()).toBe(2); // the empty tuple is a tuple too
  });

  it('find() looks up without adding', () => {
    const ids = new TupleIds();
    ids.begin().add('a').add(1).id();
    expect(ids.find().add('a').add(1).id()).toBe(0);
    expect(ids.find().add('a').id()).toBe(-1); // a prefix was never a whole tuple
    expect(ids.find().add('b').add(1).id()).toBe(-1);
    expect(ids.begin().add('b').id()).toBe(1); // the misses above reserved nothing
  });
});
