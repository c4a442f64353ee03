import FlowSimExperiments
import FlowSimModel
import FlowSimReports
import Foundation
import Testing

/// The HTML report's views after the summary: each is drawn from the data
/// it needs and left out without it.
@Suite struct HTMLViewsTests {
    /// A result with the given values at every one of `scopes` (keys:
    /// "system", sites "S…", localities "L…").
    static func result(_ name: String, _ values: [String: [Double]], scopes: [String], perScope: [String: [String: [Double]]] = [:])
        throws -> ExperimentResult {
        var metrics: [String: [String: MetricSummary]] = [:]
        for scope in scopes {
            metrics[scope] = values.merging(perScope[scope] ?? [:]) { $1 }.mapValues { MetricSummary($0) }
        }
        let document = ReportFixture.Document(
            scenario: name, replications: values.values.first?.count ?? 1, metrics: metrics,
            scopes: scopes.map { key in
                key == "system" ? ["key": key, "kind": "system"]
                    : ["key": key, "kind": key.hasPrefix("L") ? "locality" : "site", "id": key]
            })
        return try JSONDecoder().decode(ExperimentResult.self, from: JSONEncoder().encode(document))
    }

    /// Shares of a distribution of stays with a spike just before 4 hours.
    static func shares(spike: Double) -> [Double] {
        var weights = (0..<StayBins.count).map { k in k < 16 ? 1.0 : 0.5 }
        weights[15] += spike
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    static func distributionValues(spike: Double) -> [String: [Double]] {
        var values: [String: [Double]] = ["ae_within_4h": [0.8, 0.8]]
        for (k, share) in shares(spike: spike).enumerated() { values["ae_time_in_dept_share_\(StayBins.part(k))"] = [share, share] }
        for h in 0..<24 {
            values[String(format: "ae_breaches_4h_hour_%02d", h)] = [Double(h), Double(h) + 1]
            values[String(format: "ae_time_in_dept_mean_min_hour_%02d", h)] = [180 + Double(h), 181 + Double(h)]
        }
        return values
    }

    @Test func staysFallInQuarterHourBinsWithFourHoursExactlyInside() {
        #expect(StayBins.bin(0) == 0 && StayBins.bin(15) == 0 && StayBins.bin(15.01) == 1)
        #expect(StayBins.bin(240) == 15, "a stay of exactly 4 hours is not a breach")
        #expect(StayBins.bin(240.5) == 16)
        #expect(StayBins.bin(720) == 47 && StayBins.bin(720.1) == 48 && StayBins.bin(10_000) == 48)
        // The bin is ⌈minutes / 15⌉ - 1, capped: at every bin edge, an ulp
        // either side of it, and far beyond the last.
        var edges: [Double] = [1e9, 5e7, Double(Int.max)]
        for k in 1...60 { let edge = 15 * Double(k); edges += [edge.nextDown, edge, edge.nextUp] }
        let mismatches = edges.filter { StayBins.bin($0) != min(Int(($0 / 15).rounded(.up)) - 1, StayBins.count - 1) }
        #expect(mismatches.isEmpty, "bins differ from the ceiling at \(mismatches)")
        #expect(StayBins.part(0) == "000" && StayBins.part(16) == "240" && StayBins.part(48) == "720")
        #expect(MetricCatalogue.metric(named: "ae_time_in_dept_share_240")?.unit == .fraction)
        #expect(MetricCatalogue.metric(named: "ae_time_in_dept_mean_min_hour_07")?.unit == .minutes)
    }

    @Test func theDistributionIsDrawnWithTheFourHourLine() throws {
        let comparison = Comparison(options: [
            try Self.result("baseline", Self.distributionValues(spike: 0), scopes: ["system", "S1"]),
            try Self.result("option", Self.distributionValues(spike: 3), scopes: ["system", "S1"]),
        ])
        let html = HTMLReport.render(comparison)
        let section = try #require(html.range(of: "<section id=\"distribution\">"))
        #expect(html[section.lowerBound...].contains("<title>Time in A&amp;E: share of departures by 15 minutes</title>"))
        #expect(html.contains(">4 hours</text>"))
        // The caption's shares come from the bins: within 4 hours is the first 16.
        let within = Self.shares(spike: 3).prefix(16).reduce(0, +) * 100
        #expect(html.contains(String(format: "option: %.1f%% within 4 hours", within)))
        #expect(abs(Self.shares(spike: 3).reduce(0, +) - 1) < 1e-12)
        // Without the bins, no section.
        let plain = Comparison(options: [try Self.result("a", ["ae_within_4h": [0.8, 0.9]], scopes: ["system"]),
                                         try Self.result("b", ["ae_within_4h": [0.8, 0.9]], scopes: ["system"])])
        #expect(!HTMLReport.render(plain).contains("id=\"distribution\""))
    }

    @Test func timeInAandEByHourStandsBesideBreachesByHour() throws {
        let comparison = Comparison(options: [
            try Self.result("baseline", Self.distributionValues(spike: 0), scopes: ["system"]),
            try Self.result("option", Self.distributionValues(spike: 1), scopes: ["system"]),
        ])
        let html = HTMLReport.render(comparison)
        let hours = try #require(html.range(of: "<section id=\"hours\">"))
        let section = html[hours.lowerBound...]
        let breaches = try #require(section.range(of: "<title>4-hour breaches by hour of arrival</title>"))
        let time = try #require(section.range(of: "<title>Time in A&amp;E by hour of arrival, mean</title>"))
        #expect(breaches.lowerBound < time.lowerBound)
        #expect(section.contains("time in A&amp;E, mean (min)"))
    }

    @Test func theVerdictAppearsInTheSummaryWhenAskedFor() throws {
        let comparison = Comparison(options: [
            try Self.result("baseline", ["ae_within_4h": [0.90, 0.91, 0.92]], scopes: ["system"]),
            try Self.result("option", ["ae_within_4h": [0.80, 0.81, 0.82]], scopes: ["system"]),
        ])
        #expect(!HTMLReport.render(comparison).contains("id=\"selection\""))
        let selected = try comparison.selectingBest(metric: "ae_within_4h", delta: 0.01).get()
        let html = HTMLReport.render(selected)
        let verdict = try #require(html.range(of: "id=\"selection\""))
        #expect(verdict.lowerBound > html.range(of: "id=\"summary\"")!.lowerBound)
        #expect(verdict.lowerBound < html.range(of: "class=\"summary\"")!.lowerBound)
        #expect(html.contains("Best option on Within 4 hours:</strong> \(HTMLReportProbe.escape(selected.selection!.verdict))"))
        #expect(html.contains("baseline is best"))
        #expect(html.contains("separated from the best"))
    }

    static func geography() -> ReportGeography {
        let localities = (1...26).map { i in
            ReportGeography.Place(id: String(format: "L%02d", i), name: "Locality \(i)",
                                  location: GeoPoint(latitude: 51.4 + Double(i % 6) * 0.1, longitude: 0.3 + Double(i / 6) * 0.12))
        }
        return ReportGeography(localities: localities, sites: [
            .init(id: "S1", name: "Site 1", location: GeoPoint(latitude: 51.6, longitude: 0.5)),
        ])
    }

    @Test func theMapHasEveryLocalityColouredByTheChangeInTravel() throws {
        let geography = Self.geography()
        let ids = geography.localities.map(\.id)
        let scopes = ["system", "S1"] + ids
        let before = Dictionary(uniqueKeysWithValues: ids.map { ($0, ["travel_to_specialist_mean_min": [20.0, 20.0]]) })
        let after = Dictionary(uniqueKeysWithValues: ids.enumerated().map { i, id in
            (id, ["travel_to_specialist_mean_min": [i == 3 ? 45.0 : 20.0, i == 3 ? 45.0 : 20.0]])
        })
        let base: [String: [Double]] = ["ae_within_4h": [0.9, 0.91], "travel_to_specialist_mean_min": [20, 20]]
        let comparison = Comparison(options: [
            try Self.result("baseline", base, scopes: scopes, perScope: before),
            try Self.result("option", base, scopes: scopes, perScope: after),
        ])
        let html = HTMLReport.render(comparison, context: ReportContext(geography: geography))
        let map = try #require(html.range(of: "<section id=\"map\">"))
        let section = String(html[map.lowerBound...])
        #expect(section.components(separatedBy: "class=\"locality\"").count - 1 == 26)
        // L04 is 25 minutes further: the darkest orange; the others unchanged.
        #expect(section.contains("fill=\"#b35806\" stroke=\"#fff\" stroke-width=\"1\" class=\"locality\" data-locality=\"L04\""))
        #expect(section.components(separatedBy: "fill=\"#f7f7f7\" stroke=\"#fff\"").count - 1 == 25)
        #expect(section.contains("the most: L04 Locality 4, +25 min"))
        #expect(section.contains("Road times are approximations from coordinates"))
        #expect(section.contains("15+ min longer"))
        // Without geography, no map.
        #expect(!HTMLReport.render(comparison).contains("id=\"map\""))
    }

    @Test func theVoronoiCellsTileTheBox() {
        let points: [(x: Double, y: Double)] = [(10, 10), (90, 10), (50, 90)]
        let cells = LocalityMapProbe.cells(points, width: 100, height: 100)
        #expect(cells.count == 3)
        let total: Double = cells.reduce(0, +)
        #expect(abs(total - 10_000) < 1e-6, "the cells' areas add to the box's")
        #expect(cells.allSatisfy { $0 > 0 })
    }

    static let seriesJSON = """
    {"schema": "flowsim.series/1", "scenario": "S", "seed": 1, "replications": 2, "bucket_minutes": 1440,
     "end_minutes": 7200, "warmup_days": 1,
     "series": [{"measure": "beds", "site": "S1", "label": "Beds occupied", "mean": [10, 12, 13, 15, 18],
                 "p10": [9, 11, 12, 13, 14], "p90": [11, 13, 14, 17, 22], "ci95_low": [9, 11, 12, 13, 14],
                 "ci95_high": [11, 13, 14, 17, 22]}],
     "traces": [{"measure": "beds", "site": "S1", "replication": 1, "values": [10, 13, 15, 19, 24]}]}
    """

    @Test func occupancyThroughTimeMarksUnstableReplications() throws {
        let series = try JSONDecoder().decode(TimeSeriesResult.self, from: Data(Self.seriesJSON.utf8))
        let comparison = Comparison(options: [
            try Self.result("baseline", ["ae_within_4h": [0.9, 0.91]], scopes: ["system", "S1"]),
            try Self.result("option", ["ae_within_4h": [0.8, 0.81]], scopes: ["system", "S1"]),
        ])
        let html = HTMLReport.render(comparison, context: ReportContext(series: [series, series]))
        let start = try #require(html.range(of: "<section id=\"occupancy\">"))
        let section = String(html[start.lowerBound...])
        #expect(section.contains("<title>Beds occupied at S1 through the run</title>"))
        #expect(section.contains("<title>baseline: replication 2, unstable</title>"))
        #expect(section.contains("baseline replication 2; option replication 2"))
        #expect(section.contains(">warm-up</text>"))
        #expect(section.contains("fill-opacity=\"0.16\""), "the band is drawn")
        // Without series, no section.
        #expect(!HTMLReport.render(comparison).contains("id=\"occupancy\""))
    }

    static let sizingJSON = """
    {"schema": "flowsim.sizing/1", "question": "need", "scenario": "option-1A", "file": "option-1A.yaml", "baseline": null,
     "seed": 2016, "replications": 2, "confidence": 0.95, "warmup_days": 7, "horizon_days": 14,
     "knobs": [
       {"path": "sites.A.wards.medical.beds", "kind": "beds", "site": "A", "id": "medical", "today": 400, "sized": 426,
        "change": 26, "ceiling": 800, "constrained": true},
       {"path": "sites.A.wards.surgical.beds", "kind": "beds", "site": "A", "id": "surgical", "today": 72, "sized": 80,
        "change": 8, "ceiling": 144, "constrained": true},
       {"path": "sites.B.wards.medical.beds", "kind": "beds", "site": "B", "id": "medical", "today": 200, "sized": 190,
        "change": -10, "ceiling": 400, "constrained": true}],
     "totals": {"beds": {"today": 672, "sized": 696, "change": 24}},
     "standards": [
       {"standard": "A ward_medical_occupancy_rate <= 0.92", "scope": "A", "metric": "ward_medical_occupancy_rate",
        "relation": "<=", "target": 0.92, "relative_to_baseline": false, "mean": 0.8, "bound": 0.9, "verdict": "met"}],
     "cost": {"candidates": 5, "replications_run": 10, "replications_reused": 2, "wall_seconds": 1.5}}
    """

    @Test func theSizingTableSaysWhatEachOptionNeeds() throws {
        let sizing = try JSONDecoder().decode(SizingReport.self, from: Data(Self.sizingJSON.utf8))
        let comparison = Comparison(options: [
            try Self.result("baseline", ["ae_within_4h": [0.9, 0.91]], scopes: ["system"]),
            try Self.result("option-1A", ["ae_within_4h": [0.8, 0.81]], scopes: ["system"]),
        ])
        let html = HTMLReport.render(comparison, context: ReportContext(sizing: [sizing]))
        let start = try #require(html.range(of: "<section id=\"sizing\">"))
        let section = String(html[start.lowerBound...])
        #expect(section.contains("What each option needs against today&#39;s beds") || section.contains("What each option needs against today's beds"))
        #expect(section.contains("<th scope=\"row\">option-1A</th><td>672</td><td>696</td><td class=\"worse\">+24</td>"))
        #expect(section.contains("A +34, B -10"))
        #expect(section.contains("1 of 1 met"))
        #expect(!HTMLReport.render(comparison).contains("id=\"sizing\""))
    }
}
