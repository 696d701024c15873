#!/usr/bin/env node
import { p as processIO } from './chunks/io-BCJg_Pez.js';
import { m as main } from './chunks/main-RHYD6bNk.js';
import './chunks/_commonjsHelpers-BFTU3MAI.js';
import 'node:events';
import 'node:child_process';
import 'node:path';
import 'node:fs';
import 'node:process';
import './chunks/errors-C8WN8CYy.js';
import './chunks/version-DUFcXNvv.js';

process.exitCode = await main(process.argv.slice(2), processIO());
