// IndexedDB classes (IDBRequest, IDBKeyRange…) as globals for storage tests; each test then gets its
// own empty factory from freshIndexedDB().
import 'fake-indexeddb/auto';
import '../../core/zodMessages.ts';
