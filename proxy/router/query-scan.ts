// One pass over a statement's tokens that finds what rule 2 and rule 3 need: relations, function calls, SELECT INTO,
// locking clauses and data-modifying CTEs. It tracks parenthesis groups and FROM lists, not a grammar.

import type { SqlToken } from './sql-lexer.ts';

export interface QueryScan {
  tables: string[];
  writtenTables: string[];
  functions: string[];
  selectInto: boolean;
  /** SELECT INTO [TEMP | UNLOGGED] [TABLE] name: the created table and its persistence. */
  intoTable?: { name: string; persistence: 'permanent' | 'temporary' | 'unlogged' };
  lockingClause: boolean;
  dataModifyingCte: boolean;
}

// Words followed by '(' that are SQL syntax, not calls of a function by that name.
const NOT_FUNCTIONS = new Set(
  (
    'in exists any all some values as over filter and or not on using from join where select when then else case ' +
    'by having returning set into with is like ilike similar between distinct group order limit offset row array ' +
    'window partition union intersect except do conflict table lateral tablesample within recursive materialized ' +
    'only cube rollup sets grouping coalesce greatest least nullif cast treat overlaps rows range groups ' +
    'varying varchar char character nchar numeric decimal dec bit varbit timestamp time interval float ' +
    'xmlelement xmlforest xmlconcat xmlparse xmlpi xmlroot xmlserialize xmlexists xmlattributes ' +
    'json json_object json_array json_objectagg json_arrayagg json_scalar json_serialize json_exists json_query ' +
    'json_value json_table merge_action insert update delete merge default primary key unique check references ' +
    'constraint foreign include for operator current_time current_timestamp localtime localtimestamp'
  ).split(' '),
);

// Words that end a FROM list at their own parenthesis depth (`on` only ends the table-name position: a JOIN
// condition may be followed by `, next_table`).
const FROM_ENDERS = new Set(
  'where group having window order limit offset fetch for union intersect except returning set on'.split(' '),
);

const QUERY_STARTERS = new Set(['select', 'with', 'values', 'table']);
const INTO_OPTIONS = new Set(['temp', 'temporary', 'unlogged', 'local', 'global', 'table']);
const DML_WORDS = new Set(['insert', 'update', 'delete', 'merge']);

interface Group {
  isQuery: boolean;
  inFrom: boolean;
  expectTable: boolean;
}

export function scanQuery(tokens: SqlToken[], from: number, to: number): QueryScan {
  return new QueryScanner(tokens, from, to).run();
}

class QueryScanner {
  private readonly tokens: SqlToken[];
  private readonly from: number;
  private readonly to: number;
  private readonly result: QueryScan = {
    tables: [],
    writtenTables: [],
    functions: [],
    selectInto: false,
    lockingClause: false,
    dataModifyingCte: false,
  };
  private readonly cteNames = new Set<string>();
  private readonly stack: Group[] = [];
  /** Index just after the last table or table function read in a FROM list (an alias may follow). */
  private afterTableRef = -1;
  /** Whether this token range is itself an INSERT/UPDATE/DELETE/MERGE (so a CTE holding it modifies data). */
  private sawDml = false;

  constructor(tokens: SqlToken[], from: number, to: number) {
    this.tokens = tokens;
    this.from = from;
    this.to = to;
  }

  run(): QueryScan {
    this.stack.push({ isQuery: true, inFrom: false, expectTable: false });
    let i = this.from;
    while (i < this.to) i = this.step(i);
    const cte = this.cteNames;
    this.result.tables = unique(this.result.tables.filter((t) => !cte.has(t)));
    this.result.writtenTables = unique(this.result.writtenTables);
    this.result.functions = unique(this.result.functions);
    return this.result;
  }

  private get group(): Group {
    return this.stack[this.stack.length - 1];
  }

  private word(i: number): string | undefined {
    if (i < this.from || i >= this.to) return undefined;
    const t = this.tokens[i];
    return t.type === 'word' ? t.value : undefined;
  }

  private type(i: number): string | undefined {
    return i >= this.from && i < this.to ? this.tokens[i].type : undefined;
  }

  private isName(i: number): boolean {
    const type = this.type(i);
    return type === 'word' || type === 'qident';
  }

  private step(i: number): number {
    const token = this.tokens[i];
    switch (token.type) {
      case 'lparen':
        return this.openGroup(i);
      case 'rparen':
        if (this.stack.length > 1) this.stack.pop();
        return i + 1;
      case 'comma':
        if (this.group.inFrom) this.group.expectTable = true;
        return i + 1;
      case 'word':
      case 'qident':
        return this.name(i);
      default:
        return i + 1;
    }
  }

  private openGroup(i: number): number {
    const first = this.word(i + 1);
    const parent = this.group;
    const isQuery = first !== undefined && (QUERY_STARTERS.has(first) || this.startsDml(i + 1));
    // FROM (a JOIN b) keeps reading table references inside the parentheses.
    const joinGroup = parent.expectTable && !isQuery;
    parent.expectTable = false;
    this.stack.push({ isQuery: isQuery || joinGroup, inFrom: joinGroup, expectTable: joinGroup });
    return i + 1;
  }

  /** insert/update/delete/merge starting a statement (top level, or a CTE body right after '('). */
  private startsDml(i: number): boolean {
    const w = this.word(i);
    if (w === undefined || !DML_WORDS.has(w)) return false;
    if (w === 'insert' || w === 'merge') return this.word(i + 1) === 'into';
    if (w === 'delete') return this.word(i + 1) === 'from';
    for (let j = i + 1; j < Math.min(this.to, i + 7); j++) if (this.word(j) === 'set') return true;
    return false;
  }

  private name(i: number): number {
    const group = this.group;
    const w = this.tokens[i].type === 'word' ? this.tokens[i].value : undefined;
    if (w !== undefined && (i === this.from || this.type(i - 1) === 'lparen' || this.type(i - 1) === 'rparen')) {
      if (this.startsDml(i)) return this.dml(i, w);
    }
    if (group.expectTable && w === 'rows' && this.word(i + 1) === 'from') return i + 2; // ROWS FROM (f(), g())
    if (group.expectTable && w !== 'lateral' && w !== 'only') return this.tableRef(i, true);
    if (w !== undefined) return this.keyword(i, w);
    return this.maybeCall(i);
  }

  private keyword(i: number, w: string): number {
    const group = this.group;
    if (w === 'from' && group.isQuery && this.word(i - 1) !== 'distinct') {
      group.inFrom = true;
      group.expectTable = true;
    } else if (w === 'join' && group.inFrom) group.expectTable = true;
    else if (w === 'using' && group.inFrom) this.using(i);
    else if (w === 'into' && group.isQuery) return this.selectInto(i + 1);
    else if (w === 'for' && this.isLockStrength(i + 1)) this.result.lockingClause = true;
    else if (w === 'with') return this.withList(i + 1);
    else if (w === 'table' && group.isQuery && (i === this.from || this.type(i - 1) === 'lparen')) {
      return this.tableRef(i + 1, false);
    }
    if (FROM_ENDERS.has(w)) {
      group.expectTable = false;
      if (w !== 'on') group.inFrom = false;
    }
    return this.maybeCall(i);
  }

  private selectInto(i: number): number {
    this.result.selectInto = true;
    let persistence: 'permanent' | 'temporary' | 'unlogged' = 'permanent';
    for (let w = this.word(i); w !== undefined && INTO_OPTIONS.has(w); w = this.word(++i)) {
      if (w === 'unlogged') persistence = 'unlogged';
      else if (w === 'temp' || w === 'temporary') persistence = 'temporary';
    }
    if (!this.isName(i)) return i;
    const ref = this.qualifiedName(i);
    this.result.intoTable = { name: ref.name, persistence };
    return ref.end;
  }

  // JOIN … USING (cols) names columns; DELETE … USING / MERGE … USING name tables.
  private using(i: number): void {
    const next = this.word(i + 2);
    const columnList = this.type(i + 1) === 'lparen' && !(next !== undefined && QUERY_STARTERS.has(next));
    if (!columnList) this.group.expectTable = true;
  }

  private isLockStrength(i: number): boolean {
    const w = this.word(i);
    if (w === 'update' || w === 'share') return true;
    if (w === 'no') return this.word(i + 1) === 'key' && this.word(i + 2) === 'update';
    return w === 'key' && this.word(i + 1) === 'share';
  }

  // WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (body), …: remember CTE names so they are not tables.
  private withList(i: number): number {
    if (this.word(i) === 'recursive') i++;
    while (this.isName(i)) {
      this.cteNames.add(this.qualifiedName(i).name);
      i++;
      if (this.type(i) === 'lparen') i = this.skipGroup(i);
      if (this.word(i) !== 'as') return i;
      i++;
      if (this.word(i) === 'not') i++;
      if (this.word(i) === 'materialized') i++;
      if (this.type(i) !== 'lparen') return i;
      const end = this.skipGroup(i);
      this.scanNested(i, end);
      i = end;
      while (i < this.to && this.word(i) !== undefined && (this.word(i) === 'search' || this.word(i) === 'cycle')) {
        i = this.skipClause(i);
      }
      if (this.type(i) !== 'comma') return i;
      i++;
    }
    return i;
  }

  private scanNested(open: number, end: number): void {
    const nested = new QueryScanner(this.tokens, open + 1, end - 1);
    const scan = nested.run();
    for (const name of nested.cteNames) this.cteNames.add(name);
    this.result.tables.push(...scan.tables);
    this.result.writtenTables.push(...scan.writtenTables);
    this.result.functions.push(...scan.functions);
    if (scan.writtenTables.length > 0 || nested.sawDml) this.result.dataModifyingCte = true;
    if (scan.lockingClause) this.result.lockingClause = true;
    if (scan.dataModifyingCte) this.result.dataModifyingCte = true;
  }

  // SEARCH/CYCLE clauses of a recursive CTE run until the next comma or the main statement.
  private skipClause(i: number): number {
    i++;
    while (i < this.to && this.type(i) !== 'comma' && !QUERY_STARTERS.has(this.word(i) ?? '') && !this.startsDml(i)) {
      i = this.type(i) === 'lparen' ? this.skipGroup(i) : i + 1;
    }
    return i;
  }

  private skipGroup(open: number): number {
    let depth = 0;
    for (let i = open; i < this.to; i++) {
      const type = this.tokens[i].type;
      if (type === 'lparen') depth++;
      else if (type === 'rparen' && --depth === 0) return i + 1;
    }
    return this.to;
  }

  private dml(i: number, w: string): number {
    this.sawDml = true;
    let target = i + 1;
    if (w !== 'update') target++;
    if (this.word(target) === 'only') target++;
    if (!this.isName(target)) return target;
    const ref = this.qualifiedName(target);
    this.result.tables.push(ref.name);
    this.result.writtenTables.push(ref.name);
    this.afterTableRef = ref.end;
    // DELETE … USING and MERGE … USING continue with a list of tables.
    if (w === 'delete' || w === 'merge') this.group.inFrom = true;
    // INSERT INTO t (cols): the column list is not a call of t.
    return this.type(ref.end) === 'lparen' ? this.skipGroup(ref.end) : ref.end;
  }

  private tableRef(i: number, allowFunction: boolean): number {
    this.group.expectTable = false;
    if (!this.isName(i)) return i;
    const ref = this.qualifiedName(i);
    if (allowFunction && this.type(ref.end) === 'lparen') {
      this.result.functions.push(ref.last);
      this.afterTableRef = this.skipGroup(ref.end);
    } else {
      this.result.tables.push(ref.name);
      this.afterTableRef = ref.end;
    }
    return ref.end;
  }

  private maybeCall(i: number): number {
    const ref = this.qualifiedName(i);
    if (this.type(ref.end) === 'lparen' && this.isCall(i, ref)) {
      this.result.functions.push(ref.last);
      this.afterTableRef = -1;
    }
    return ref.end;
  }

  private isCall(i: number, ref: QualifiedName): boolean {
    const token = this.tokens[i];
    if (ref.parts === 1 && token.type === 'word' && NOT_FUNCTIONS.has(token.value)) return false;
    const before = this.type(i - 1);
    const previousWord = this.word(i - 1);
    // A type modifier, an alias column list, or a TABLESAMPLE method.
    if (before === 'cast' || previousWord === 'as' || previousWord === 'tablesample') return false;
    if (before === 'qident' || i === this.afterTableRef) return false; // a table alias's column list
    const afterGroup = this.skipGroup(ref.end);
    return !(this.word(afterGroup) === 'as' && this.type(afterGroup + 1) === 'lparen');
  }

  private qualifiedName(i: number): QualifiedName {
    const parts = [this.tokens[i].value];
    let end = i + 1;
    while (this.type(end) === 'dot' && this.isName(end + 1)) {
      parts.push(this.tokens[end + 1].value);
      end += 2;
    }
    return { name: parts.join('.'), last: parts[parts.length - 1], parts: parts.length, end };
  }
}

interface QualifiedName {
  name: string;
  last: string;
  parts: number;
  end: number;
}

function unique(values: string[]): string[] {
  return values.length < 2 ? values : [...new Set(values)];
}
