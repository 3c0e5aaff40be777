#!/usr/bin/env node
// The sis-simulator command line; commands are added as they land.
export {};
