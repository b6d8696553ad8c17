// exceljs side of bench/portfolio_bench.cpp: writes the same portfolio rows
// (14 columns, same synthetic values) with the streaming WorkbookWriter and
// with the normal Workbook + xlsx.writeFile, printing seconds for each.
// usage: node portfolio_exceljs.js ROWS OUTDIR   (exceljs resolved via NODE_PATH)
const ExcelJS = require('exceljs');
const path = require('path');

const rows = parseInt(process.argv[2] || '100000', 10);
const outDir = process.argv[3] || '/tmp';
const columns = ['Engagement', 'Title', 'Workflow', 'Customer', 'Provider', 'State', 'Stage', 'Milestone ID',
  'Milestone', 'Version', 'Submitted on', 'Deadline (local date)', 'Deadline (UTC)', 'Provisional'];

function row(i) {
  const submitted = new Date(Date.UTC(2025, 2, 3 + (i % 200)));
  const deadline = new Date(submitted.getTime() + 7 * 86400000);
  // 24:00 local (UTC+8) of the deadline date, as a UTC date-time.
  const end = new Date(deadline.getTime() + 86400000 - 8 * 3600000);
  return [`eng-${i}`, `Engagement ${i} for customer ${i % 997}`, i % 2 ? 'chaos-drill' : 'managed-services',
    `Customer ${i % 997} Ltd.`, 'Provider Inc.', 'active', 'delivery', `m${i % 5}`, 'Stage progress report',
    1 + (i % 3), submitted, deadline, end, 'no'];
}

function setup(sheet) {
  sheet.columns = columns.map((header) => ({ header, width: 16 }));
  sheet.getColumn(11).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(12).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(13).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: 'A1', to: 'N1' };
}

async function streaming() {
  const start = process.hrtime.bigint();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(outDir, 'exceljs-stream.xlsx'),
    useSharedStrings: true, useStyles: true });
  const sheet = wb.addWorksheet('Portfolio');
  setup(sheet);
  for (let i = 0; i < rows; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await wb.commit();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function normal() {
  const start = process.hrtime.bigint();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Portfolio');
  setup(sheet);
  for (let i = 0; i < rows; i++) sheet.addRow(row(i));
  await wb.xlsx.writeFile(path.join(outDir, 'exceljs-normal.xlsx'));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

(async () => {
  const s = await streaming();
  console.log(`exceljs-stream-seconds=${s.toFixed(3)}`);
  const n = await normal();
  console.log(`exceljs-workbook-seconds=${n.toFixed(3)}`);
  console.log(`exceljs-version=${require('exceljs/package.json').version}`);
})().catch((e) => { console.error(e); process.exit(1); });
