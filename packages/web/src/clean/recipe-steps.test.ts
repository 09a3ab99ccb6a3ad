import { describe, expect, it } from 'vitest';
import { draftOf, newDraft, toRecipe } from './recipe-steps.ts';

describe('recipe drafts', () => {
  it('round-trips steps through their JSON parameters', () => {
    const step = { op: 'impute', column: 'age', strategy: 'median' };
    expect(toRecipe([draftOf(step)])).toEqual({ recipe: { steps: [step] } });
  });

  it('starts a new step from its template on the given column', () => {
    expect(toRecipe([newDraft('drop_columns', 'id')])).toEqual({
      recipe: { steps: [{ op: 'drop_columns', columns: ['id'] }] },
    });
  });

  it('keeps a comment out of the parameters and puts it back in the recipe', () => {
    const step = { op: 'drop_columns', columns: ['a', 'b'], comment: 'alert: constant' };
    const draft = draftOf(step);
    expect(draft.text).toBe('{\n  "columns": ["a","b"]\n}');
    expect(draft.comment).toBe('alert: constant');
    expect(toRecipe([draft])).toEqual({ recipe: { steps: [step] } });
  });

  it('names the first step whose parameters are not an object', () => {
    const bad = { ...newDraft('filter', 'x'), text: '[1]' };
    expect(toRecipe([newDraft('drop_duplicates', 'x'), bad])).toEqual({
      invalid: 1,
      message: 'Step 2: the parameters must be a JSON object',
    });
  });
});
