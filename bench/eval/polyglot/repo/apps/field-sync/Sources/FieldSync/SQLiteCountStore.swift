import Foundation
import SQLite3

/// The scanner's local database of counts. `synced = 0` rows are pushed on the next round.
public final class SQLiteCountStore: CountStore {
    private var db: OpaquePointer?

    public init(path: String) throws {
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw SyncError.rejected("cannot open \(path)") }
        // WAL so the UI can read while a sync round writes.
        sqlite3_exec(db, "PRAGMA journal_mode=WAL;", nil, nil, nil)
        sqlite3_exec(db, """
            CREATE TABLE IF NOT EXISTS counts (
              id TEXT PRIMARY KEY, sku TEXT, bin TEXT, quantity INTEGER, counted_at REAL,
              device TEXT, revision INTEGER, synced INTEGER DEFAULT 0)
            """, nil, nil, nil)
    }

    deinit { sqlite3_close(db) }

    public func pending() throws -> [StockCount] { try query("SELECT * FROM counts WHERE synced = 0") }
    public func all() throws -> [StockCount] { try query("SELECT * FROM counts") }

    public func markSynced(_ ids: [UUID]) throws {
        for id in ids {
            sqlite3_exec(db, "UPDATE counts SET synced = 1 WHERE id = '\(id.uuidString)'", nil, nil, nil)
        }
    }

    public func upsert(_ counts: [StockCount]) throws {
        for count in counts {
            let sql = "INSERT OR REPLACE INTO counts VALUES ('\(count.id.uuidString)', '\(count.sku)', '\(count.binCode)', \(count.quantity), \(count.countedAt.timeIntervalSince1970), '\(count.deviceId)', \(count.revision), 1)"
            sqlite3_exec(db, sql, nil, nil, nil)
        }
    }

    private func query(_ sql: String) throws -> [StockCount] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return [] }
        defer { sqlite3_finalize(statement) }
        var rows: [StockCount] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append(StockCount(
                id: UUID(uuidString: String(cString: sqlite3_column_text(statement, 0)))!,
                sku: String(cString: sqlite3_column_text(statement, 1)),
                binCode: String(cString: sqlite3_column_text(statement, 2)),
                quantity: Int(sqlite3_column_int(statement, 3)),
                countedAt: Date(timeIntervalSince1970: sqlite3_column_double(statement, 4)),
                deviceId: String(cString: sqlite3_column_text(statement, 5)),
                revision: Int(sqlite3_column_int(statement, 6))))
        }
        return rows
    }
}
