import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  MAX_TEXT_LENGTH,
  createManualClock,
  parseTemplate,
  renderTemplate,
  templateReferences,
  type ExpressionScope,
} from '$domain/expression';

async function rejection(promise: Promise<unknown>): Promise<ExpressionError> {
  const err: unknown = await promise.then(
    () => {
      throw new Error('expected an ExpressionError, but the template rendered');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExpressionError);
  return err as ExpressionError;
}

function thrown(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionError);
    return err as ExpressionError;
  }
  throw new Error('expected an ExpressionError');
}

const scope: ExpressionScope = { in: { CompanyID: 42, Name: 'Acme', Nothing: null, Tags: ['a'] }, context: { Status: 'New' } };

describe('renderTemplate', () => {
  it('fills a URL template', async () => {
    const url = '/phixflow/api/1/action/Actionflow%20Advanced/GetCompany/trigger?CompanyID=${in.CompanyID}';
    expect(await renderTemplate(url, scope)).toBe('/phixflow/api/1/action/Actionflow%20Advanced/GetCompany/trigger?CompanyID=42');
    expect(await renderTemplate('/x/trigger?CompanyID=${in.CompanyID}&Status=${_context.Status}', scope)).toBe(
      '/x/trigger?CompanyID=42&Status=New',
    );
  });

  it('writes null as nothing, and other values as text', async () => {
    expect(await renderTemplate('[${in.Nothing}][${in.Missing}]', scope)).toBe('[][]');
    expect(await renderTemplate('${true} ${1.5} ${in.Tags}', scope)).toBe('true 1.5 ["a"]');
  });

  it('leaves text without ${ alone, including a lone $ or }', async () => {
    expect(await renderTemplate('', scope)).toBe('');
    expect(await renderTemplate('plain $ text } with {braces}', scope)).toBe('plain $ text } with {braces}');
  });

  it('allows "}" inside quoted text of an expression', async () => {
    expect(await renderTemplate('a${"}" + in.Name}b', scope)).toBe('a}Acmeb');
    expect(await renderTemplate("${'it\\'s}'}", scope)).toBe("it's}");
  });

  it('evaluates expressions with functions and the clock', async () => {
    const clock = createManualClock(new Date('2024-01-02T03:04:05.000Z'));
    expect(await renderTemplate('${toUpper(in.Name)} at ${now()}', scope, { clock })).toBe('ACME at 2024-01-02T03:04:05.000Z');
  });

  it('lets datasource errors through unchanged', async () => {
    const refusal = new Error('The user learner needs the Use API Key privilege.');
    const failing: ExpressionScope = {
      datasource: () => {
        throw refusal;
      },
    };
    await expect(renderTemplate('/x?key=${_datasource.APIKey}', failing)).rejects.toBe(refusal);
  });

  it('caps the text it builds', async () => {
    const half = 'x'.repeat(MAX_TEXT_LENGTH / 2 + 1);
    const error = await rejection(renderTemplate('${in.a}${in.a}', { in: { a: half } }));
    expect(error.subject).toBe('template');
    expect(error.position).toBe(9);
    expect(error.reason).toContain('more than the 2,097,152 allowed');
  });
});

describe('template errors name the template and the position in it', () => {
  it('an unclosed ${', () => {
    const error = thrown(() => parseTemplate('/x?CompanyID=${in.CompanyID'));
    expect(error.message).toBe('The template "/x?CompanyID=${in.CompanyID" has an error at position 13: this "${" has no closing "}".');
    expect(error.expression).toBe('/x?CompanyID=${in.CompanyID');
    expect(error.position).toBe(13);
  });

  it('an empty ${}', () => {
    expect(thrown(() => parseTemplate('/x/${ }')).message).toBe('The template "/x/${ }" has an error at position 3: this "${}" has no expression inside.');
  });

  it('a syntax error inside, at its place in the template', () => {
    const error = thrown(() => parseTemplate('/x?a=${in.a}&b=${toUpper(in.b}'));
    expect(error.position).toBe(29);
    expect(error.reason).toBe('a closing ")" is missing');
    expect(error.message).toBe('The template "/x?a=${in.a}&b=${toUpper(in.b}" has an error at position 29: a closing ")" is missing.');
  });

  it('an evaluation error inside, at its place in the template', async () => {
    const error = await rejection(renderTemplate('/x?n=${in.Name * 2}', scope));
    expect(error.subject).toBe('template');
    expect(error.position).toBe(15);
    expect(error.reason).toBe('"*" needs two numbers, but got the text "Acme" and the number 2');
  });

  it('checks every part before evaluating any, so a bad part never follows a sleep', async () => {
    const clock = createManualClock();
    await rejection(renderTemplate('${sleep(20)}${globalThis}', scope, { clock }));
    expect(clock.pendingSleeps).toBe(0);
  });

  it('refuses hostile parts', async () => {
    expect(thrown(() => parseTemplate('${in.__proto__}')).reason).toBe('"__proto__" cannot be used as an attribute name');
    expect(thrown(() => parseTemplate('${process.env}')).reason).toContain('"process" is not known');
    expect(thrown(() => parseTemplate('x'.repeat(10_001))).reason).toBe('it is 10,001 characters long, more than the 10,000 allowed');
  });
});

describe('parseTemplate', () => {
  it('splits text and expressions, with each expression offset', () => {
    const parts = parseTemplate('a${in.x}b${1}');
    expect(parts.map((p) => (p.kind === 'text' ? p.text : `${p.offset}:${p.expr.source}`))).toEqual(['a', '3:in.x', 'b', '11:1']);
  });
});

describe('templateReferences', () => {
  it('lists the root attributes a template reads, once each, in order', () => {
    expect(templateReferences('/x?id=${in.CompanyID}&k=${_datasource.APIKey}&again=${in.CompanyID}&f=${_form["Company Name"]}')).toEqual([
      { root: 'in', name: 'CompanyID' },
      { root: '_datasource', name: 'APIKey' },
      { root: '_form', name: 'Company Name' },
    ]);
    expect(templateReferences('no expressions')).toEqual([]);
  });
});
