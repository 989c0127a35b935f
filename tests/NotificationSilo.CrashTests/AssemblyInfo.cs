// Each class here runs real silo processes (three of them, with their own PostgreSQL and Redis, for the cluster
// classes) and holds them to time bounds: a failover within 5 s, a pause within 1 s. Run side by side they starve
// each other's failure detectors and timers, so the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
