// Public surface of @aivo/sis-simulator; filled in as the generator and writers land.
export {};
