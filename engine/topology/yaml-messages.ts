import type { YAMLError } from 'yaml';

/** A YAML parser error in the user's terms: what is wrong in their file and where to look. */
export interface YamlProblem {
  offset: number;
  message: string;
  hint?: string;
}

const indentation = (error: YAMLError): YamlProblem => ({
  offset: error.pos[0],
  message: 'YAML: a key here is indented differently from the keys beside it, or a `:` is missing',
  hint: 'check the indentation of this line and the line above: keys of one mapping start in the same column',
});

const byCode: Partial<Record<string, (error: YAMLError, text: string) => YamlProblem>> = {
  // The parser reports one misplaced key under both codes; both mean the same to the user.
  MULTILINE_IMPLICIT_KEY: indentation,
  BLOCK_AS_IMPLICIT_KEY: indentation,
  MULTIPLE_DOCS: (error) => ({
    offset: error.pos[0],
    message: 'YAML: a topology file holds one YAML document, but a second one starts here',
    hint: 'remove the `---` separator, or split the file: one topology per file',
  }),
  DUPLICATE_KEY: (error) => ({ offset: error.pos[0], message: 'YAML: Map keys must be unique; this key appears twice in the same mapping' }),
  MISSING_CHAR: (error, text) => unclosedQuote(error, text),
};

export function explainYamlError(error: YAMLError, text: string): YamlProblem {
  const explain = byCode[error.code];
  if (explain) return explain(error, text);
  if (/stack|recursion/i.test(error.message)) return tooDeep(error.pos[0]);
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { offset: error.pos[0], message: `YAML: ${message}` };
}

export function tooDeep(offset: number): YamlProblem {
  return { offset, message: 'YAML: the document is nested too deeply to read', hint: 'a topology is a few levels deep; look for runaway brackets or indentation' };
}

/** The parser notices a missing closing quote at the end of the file; point at the quote that opened it instead. */
function unclosedQuote(error: YAMLError, text: string): YamlProblem {
  const quote = /closing (["'])quote/.exec(error.message)?.[1];
  const generic = { offset: error.pos[0], message: `YAML: ${error.message.split('\n')[0]}` };
  if (!quote) return generic;
  let offset = 0;
  for (const line of text.split('\n')) {
    const opening = unbalancedQuote(line, quote);
    if (opening >= 0) {
      return { offset: offset + opening, message: `YAML: this ${quote === '"' ? 'double' : 'single'} quote is never closed`, hint: `add the closing ${quote}` };
    }
    offset += line.length + 1;
  }
  return generic;
}

/** Column of a quote left open on this line (ignoring comments and escaped or doubled quotes), or -1. */
function unbalancedQuote(line: string, quote: string): number {
  let open = -1;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (open < 0 && char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    if (open < 0 && (char === '"' || char === "'")) {
      if (char !== quote) {
        const close = line.indexOf(char, i + 1);
        if (close < 0) return -1;
        i = close;
        continue;
      }
      open = i;
    } else if (open >= 0 && char === quote) {
      if (quote === '"' && line[i - 1] === '\\') continue;
      if (quote === "'" && line[i + 1] === "'") { i++; continue; }
      open = -1;
    }
  }
  return open;
}
