import Foundation
import Network

/// Starts a sync round when the scanner joins Wi-Fi; cellular is ignored (scanners have data caps).
public final class ReachabilityMonitor {
    private let monitor = NWPathMonitor(requiredInterfaceType: .wifi)
    private let queue = DispatchQueue(label: "field-sync.reachability")

    public init() {}

    public func start(onWiFi: @escaping @Sendable () -> Void) {
        monitor.pathUpdateHandler = { path in
            if path.status == .satisfied {
                onWiFi()
            }
        }
        monitor.start(queue: queue)
    }

    public func stop() {
        monitor.cancel()
    }
}
