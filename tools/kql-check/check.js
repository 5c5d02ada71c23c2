#!/usr/bin/env node
// Checks KQL with Microsoft's own parser and semantic analyser (Kusto.Language, the engine
// behind Azure Data Explorer, Log Analytics and Sentinel query editors).
//
//   node check.js FILE...     the files are joined (in order) into one query text
//   node check.js -           read the query text from standard input
//
// The database in scope holds the Log Analytics `Event` table. Prints every diagnostic as
// `severity line:column message`; exits 1 when any has severity Error, 2 on bad usage.
'use strict';
const fs = require('fs');
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');

const K = Kusto.Language;
const S = K.Symbols;

// The Log Analytics `Event` table (Windows event logs collected by the agent).
const EVENT_SCHEMA =
  '(TenantId:string, SourceSystem:string, TimeGenerated:datetime, Source:string, ' +
  'EventLog:string, Computer:string, EventLevel:int, EventLevelName:string, ' +
  'ParameterXml:string, EventData:string, EventID:int, RenderedDescription:string, ' +
  'AzureDeploymentID:string, Role:string, EventCategory:int, UserName:string, ' +
  'Message:string, MG:string, ManagementGroupName:string, Type:string, _ResourceId:string)';

function globals() {
  const event = new S.TableSymbol.$ctor7('Event', EVENT_SCHEMA, 'Windows event logs');
  const members = new (System.Collections.Generic.List$1(S.Symbol).ctor)();
  members.add(event);
  const db = new S.DatabaseSymbol.$ctor1('Logs', members, false);
  return K.GlobalState.Default.WithDatabase(db);
}

function main(args) {
  if (args.length === 0) {
    console.error('usage: check.js FILE... (or - for standard input)');
    return 2;
  }
  const text = args
    .map((f) => (f === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(f, 'utf8')))
    .join('\n');
  const code = K.KustoCode.ParseAndAnalyze(text, globals());
  const diagnostics = code.GetDiagnostics();
  let errors = 0;
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i);
    const before = text.slice(0, d.Start).split('\n');
    const where = `${before.length}:${before[before.length - 1].length + 1}`;
    console.log(`${d.Severity} ${where} ${d.Message}`);
    if (d.Severity === 'Error') errors++;
  }
  console.log(`${errors} error(s), ${diagnostics.Count} diagnostic(s)`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
