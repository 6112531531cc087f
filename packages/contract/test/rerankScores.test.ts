// The rerank surface reads a function's answer as one score per document: scores as they are, or
// sentence-transformers' `CrossEncoder.rank` list (a manifest rerank entry with `ranked`) by `corpus_id`.
import { openai } from '@ingot/contract';

const request = (documents: string[]): openai.RerankRequest => ({
  model: 'm',
  query: 'q',
  documents,
  topN: null,
  returnDocuments: false,
});

describe('rerankScores', () => {
  it('keeps scores in document order, from a list or an ndarray', () => {
    expect(Array.from(openai.rerankScores([0.5, 0.25], 2))).toEqual([0.5, 0.25]);
    expect(Array.from(openai.rerankScores({ shape: [2], data: new Float32Array([1, 2]) }, 2))).toEqual([1, 2]);
    expect(Array.from(openai.rerankScores(new Float32Array([3]), 1))).toEqual([3]);
  });

  it("reads a rank list by corpus_id, so the surface's order is the list's", () => {
    const ranked = [
      { corpus_id: 2, score: 0.9 },
      { corpus_id: 0, score: 0.5 },
      { corpus_id: 1, score: 0.5 },
    ];
    const scores = openai.rerankScores(ranked, 3);
    expect(Array.from(scores)).toEqual([0.5, 0.5, 0.9]);
    expect(openai.rankResults(request(['a', 'b', 'c']), scores).map((r) => r.index)).toEqual([2, 0, 1]);
  });

  it('a rank list that leaves a document out or names one twice is a 500 model_error', () => {
    for (const ranked of [
      [{ corpus_id: 0, score: 1 }],
      [
        { corpus_id: 0, score: 1 },
        { corpus_id: 0, score: 1 },
      ],
    ]) {
      expect(() => openai.rerankScores(ranked, 2)).toThrow(
        expect.objectContaining({ status: 500, code: 'model_error' }) as Error,
      );
    }
  });
});
