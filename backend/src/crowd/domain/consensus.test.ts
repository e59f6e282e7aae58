import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { consensusForField, needsMoreFor, type Vote } from './consensus.js';

const v = (
  contributorId: string,
  comparable: string,
  weight = 1,
  source: Vote['source'] = 'typed',
): Vote => ({
  contributorId,
  comparable,
  value: comparable,
  weight,
  source,
});

const voteArb = fc.record({
  contributorId: fc.string({ minLength: 1, maxLength: 3 }),
  comparable: fc.constantFrom('100', '1000', '10', 'abc'),
  weight: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
  source: fc.constantFrom<Vote['source']>('typed', 'ocr-picked'),
});
const votesArb = fc.uniqueArray(voteArb, { selector: (x) => x.contributorId, maxLength: 6 });

describe('consensusForField', () => {
  it('verifies two agreeing votes with agreeK 2', () => {
    const r = consensusForField([v('a', '100'), v('b', '100')]);
    expect(r).toMatchObject({ status: 'verified', comparable: '100', support: 2, contributors: ['a', 'b'] });
  });

  it('stays pending with one vote and disputed on disagreement', () => {
    expect(consensusForField([]).status).toBe('pending');
    expect(consensusForField([v('a', '100')]).status).toBe('pending');
    expect(consensusForField([v('a', '100'), v('b', '1000')]).status).toBe('disputed');
  });

  it('never breaks a 2–2 tie, in any order', () => {
    const votes = [v('a', 'x'), v('b', 'y'), v('c', 'x'), v('d', 'y')];
    const r = consensusForField(votes);
    expect(r.status).toBe('disputed');
    expect(r.comparable).toBeNull();
    expect(consensusForField([...votes].reverse())).toEqual(r);
  });

  it('verifies 2 vs 1 but not 2 vs 1.6 with the default margin', () => {
    expect(consensusForField([v('a', 'x'), v('b', 'x'), v('c', 'y')]).status).toBe('verified');
    expect(consensusForField([v('a', 'x'), v('b', 'x'), v('c', 'y', 1.6), v('d', 'z')]).status).toBe(
      'disputed',
    );
  });

  it('weights by reliability: two weak volunteers do not reach agreeK', () => {
    expect(consensusForField([v('a', 'x', 0.8), v('b', 'x', 0.8)]).status).toBe('pending');
    expect(consensusForField([v('a', 'x', 0.7), v('b', 'x', 1.3)]).status).toBe('verified');
  });

  it('sends a field to review at maxTranscriptions', () => {
    const votes = ['p', 'q', 'r', 's', 't'].map((c, i) => v(c, String(i)));
    expect(consensusForField(votes).status).toBe('needs_review');
  });

  it('counts markers as values', () => {
    const m = (c: string): Vote => ({ contributorId: c, marker: 'not_present', weight: 1, source: 'typed' });
    const r = consensusForField([m('a'), m('b'), v('c', '')]);
    expect(r).toMatchObject({ status: 'verified', marker: 'not_present', comparable: null });
  });

  it('counts OCR only for a value some volunteer typed', () => {
    const ocr = { comparable: '100' };
    const typed = consensusForField([v('a', '100'), v('b', '100', 1, 'ocr-picked')], {}, ocr);
    expect(typed.support).toBe(2.5);
    const picked = consensusForField([v('a', '100', 1, 'ocr-picked')], { agreeK: 1.5 }, ocr);
    expect(picked).toMatchObject({ status: 'pending', support: 1 });
    const alone = consensusForField([v('a', '100')], { agreeK: 1.5 }, ocr);
    expect(alone).toMatchObject({ status: 'verified', support: 1.5 });
  });

  it('clusters similar text; the representative is its most supported exact value', () => {
    const votes = [v('a', 'juan perez'), v('b', 'juan perez'), v('c', 'juan peres'), v('d', 'maria lopez')];
    const r = consensusForField(votes, { similarity: 0.85, agreeK: 3 });
    expect(r).toMatchObject({ status: 'verified', comparable: 'juan perez', support: 3 });
    const ambiguous = consensusForField([v('a', 'juan perez'), v('b', 'juan peres')], { similarity: 0.85 });
    expect(ambiguous).toMatchObject({ status: 'pending', ambiguous: true, comparable: null });
  });

  it('property: independent of vote order', () => {
    fc.assert(
      fc.property(votesArb, fc.integer(), (votes, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(votes, { minLength: votes.length }), {
          seed,
          numRuns: 1,
        })[0];
        expect(consensusForField(shuffled ?? votes, { similarity: 0.6 }, { comparable: '100' })).toEqual(
          consensusForField(votes, { similarity: 0.6 }, { comparable: '100' }),
        );
      }),
    );
  });

  it('property: never verified on a tie between the top two clusters', () => {
    fc.assert(
      fc.property(votesArb, (votes) => {
        const r = consensusForField(votes);
        if (r.status === 'verified') expect(r.support - r.runnerUp).toBeGreaterThan(1e-9);
        // Mirror every vote with an equal-weight vote for another value: an exact tie. The prefixes
        // keep the mirrors' contributors distinct from the originals' (one vote per contributor).
        const same = votes.map((x) => ({
          ...x,
          contributorId: `a${x.contributorId}`,
          comparable: 'x',
          source: 'typed' as const,
        }));
        const mirror = votes.map((x) => ({
          ...x,
          contributorId: `b${x.contributorId}`,
          comparable: 'y',
          source: 'typed' as const,
        }));
        expect(consensusForField([...same, ...mirror], { maxTranscriptions: 99 }).status).not.toBe(
          'verified',
        );
      }),
    );
  });

  it('property: an agreeing vote never un-verifies', () => {
    fc.assert(
      fc.property(votesArb, fc.double({ min: 0.5, max: 1.5, noNaN: true }), (votes, weight) => {
        const r = consensusForField(votes, { maxTranscriptions: 20 });
        fc.pre(r.status === 'verified' && r.comparable !== null);
        const more = consensusForField([...votes, v('zz-new', r.comparable ?? '', weight)], {
          maxTranscriptions: 20,
        });
        expect(more.status).toBe('verified');
        expect(more.comparable).toBe(r.comparable);
      }),
    );
  });
});

describe('needsMoreFor', () => {
  it('asks again only for unverified fields, with bounds', () => {
    const results = {
      total: consensusForField([v('a', '1'), v('b', '1')]),
      fecha: consensusForField([v('a', '2012-01-01'), v('b', '2012-01-02')]),
      proveedor: consensusForField([v('a', 'acme')]),
      nuevo: consensusForField([]),
    };
    expect(needsMoreFor(results)).toEqual({
      fields: [
        { path: 'fecha', atLeast: 1, atMost: 3 },
        { path: 'nuevo', atLeast: 2, atMost: 5 },
        { path: 'proveedor', atLeast: 1, atMost: 4 },
      ],
      paths: ['fecha', 'nuevo', 'proveedor'],
      more: 2,
    });
  });
});
