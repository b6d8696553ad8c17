#!/usr/bin/env node
// Opens an xlsx with exceljs (npm, SPEC §4) and checks it the way a user's
// tool would. exceljs is resolved through NODE_PATH (readers_test.cpp points
// it at the directory scripts/install-deps --test installs into).
//
// usage: read_xlsx_exceljs.js FILE [--sheets A,B,...] [--cell SHEET!REF=VALUE ...]
//                             [--match SHEET!REF=REGEX ...] [EXPECTED_TEXT ...]
// --cell: the cell's text equals VALUE (dates as YYYY-MM-DDTHH:MM:SS, UTC as
// Excel stores them); --match: the text matches REGEX; every EXPECTED_TEXT
// must appear in some cell. Any cell whose text starts with = + - @ must be a
// string, never a formula, and no cell may hold a formula at all: our
// writers never write one. Exit 1 with PROBLEM lines on failure, 2 when
// exceljs cannot be loaded.
'use strict';

let ExcelJS;
try {
  ExcelJS = require('exceljs');
} catch (e) {
  console.log(`PROBLEM: cannot load exceljs (NODE_PATH=${process.env.NODE_PATH || ''}): ${e.message}`);
  console.log('PROBLEM: run scripts/install-deps --test');
  process.exit(2);
}

function text(cell) {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().replace('.000Z', '');
  if (v && typeof v === 'object' && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if (v && typeof v === 'object' && 'text' in v) return String(v.text);  // hyperlink
  return String(v);
}

function parseArgs(argv) {
  const args = { file: argv[0], sheets: null, cells: [], matches: [], texts: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sheets') args.sheets = argv[++i].split(',');
    else if (a === '--cell' || a === '--match') {
      const spec = argv[++i];
      const bang = spec.indexOf('!');
      const eq = spec.indexOf('=', bang);
      const item = { sheet: spec.slice(0, bang), ref: spec.slice(bang + 1, eq), want: spec.slice(eq + 1) };
      (a === '--cell' ? args.cells : args.matches).push(item);
    } else args.texts.push(a);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(args.file);
  const problems = [];
  const names = book.worksheets.map((ws) => ws.name);
  if (args.sheets && names.join(',') !== args.sheets.join(',')) {
    problems.push(`sheets ${JSON.stringify(names)} != ${JSON.stringify(args.sheets)}`);
  }
  const texts = [];
  let formulaLike = 0;
  for (const ws of book.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const where = `${ws.name}!${cell.address}`;
        if (cell.type === ExcelJS.ValueType.Formula || cell.type === ExcelJS.ValueType.SharedFormula) {
          problems.push(`${where} is a formula: ${JSON.stringify(cell.value)}`);
          return;
        }
        const t = text(cell);
        texts.push(t);
        if (/^[=+\-@]/.test(t)) {
          formulaLike++;
          const stringTypes = [ExcelJS.ValueType.String, ExcelJS.ValueType.RichText, ExcelJS.ValueType.SharedString];
          if (!stringTypes.includes(cell.type)) problems.push(`${where} (${t}) has value type ${cell.type}, not a string`);
        }
      });
    });
  }
  const lookup = (item) => {
    const ws = book.getWorksheet(item.sheet);
    return ws ? text(ws.getCell(item.ref)) : `<no sheet ${item.sheet}>`;
  };
  for (const item of args.cells) {
    const got = lookup(item);
    if (got !== item.want) problems.push(`${item.sheet}!${item.ref} is ${JSON.stringify(got)}, expected ${JSON.stringify(item.want)}`);
  }
  for (const item of args.matches) {
    const got = lookup(item);
    if (!new RegExp(item.want).test(got)) problems.push(`${item.sheet}!${item.ref} is ${JSON.stringify(got)}, expected /${item.want}/`);
  }
  const everything = texts.join('\n');
  for (const want of args.texts) if (!everything.includes(want)) problems.push(`missing text ${JSON.stringify(want)}`);
  console.log(`${args.file}: ${names.length} sheets, ${texts.length} cells, ${formulaLike} formula-like strings`);
  for (const p of problems) console.log('PROBLEM:', p);
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => {
  console.log('PROBLEM: exceljs could not read the file:', e.message);
  process.exit(1);
});
