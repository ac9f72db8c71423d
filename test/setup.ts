// Every unit test gets a fresh in-memory IndexedDB, so Dexie code runs unchanged in node.
import 'fake-indexeddb/auto';
