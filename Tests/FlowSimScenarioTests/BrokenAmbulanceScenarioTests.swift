import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Bad ambulance and travel input (issue 10): each a child of the shipped
/// baseline changing one thing, refused with file, line, field and what
/// was expected.
@Suite struct BrokenAmbulanceScenarioTests {
    typealias Broken = BrokenNetworkScenarioTests

    @Test func aStandbyPointWithNoVehicles() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  ambulance:",
            "    standby_points:",
            "      S08: {share: 0}",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 6, fieldPath: "network.ambulance.standby_points.S08.share",
                           mentions: ["standby point 'S08' has no vehicles", "share 0"])
    }

    @Test func standbySharesThatDoNotSumToOne() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  ambulance:",
            "    standby_points:",
            "      S01: {share: 0.5}",
        ])
        let error = try #require(Broken.error(loading: path))
        #expect(error.issues.contains { $0.fieldPath == "network.ambulance.standby_points"
            && $0.message.contains("shares must sum to 1, got 1.36") }, "\(error)")
    }

    @Test func categorySharesThatDoNotSumToOne() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "groups:",
            "  stroke:",
            "    ambulance: {categories: {c1: 0.5, c2: 0.4}}",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "groups.stroke.ambulance.categories",
                           mentions: ["probabilities must sum to 1, got 0.9"])
    }

    @Test func anUnknownCategory() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "groups:",
            "  stroke:",
            "    ambulance: {categories: {c5: 1}}",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "groups.stroke.ambulance.categories",
                           mentions: ["unknown response category 'c5'", "c1, c2, c3, c4"])
    }

    /// A travel matrix beside the scenario with one pair left out.
    @Test func aTravelMatrixMissingALocalityAndSite() throws {
        let config = try Scenario.load(path: Broken.baseline).config
        var rows = ["from,to,general_minutes,blue_light_minutes"]
        for locality in config.network!.localities {
            for (s, site) in config.sites.enumerated() where !(locality.id == "L07" && site.id == "SUHFT") {
                rows.append("\(locality.id),\(site.id),\(locality.generalMinutes[s]),\(locality.blueLightMinutes[s])")
            }
        }
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  travel:",
            "    matrix: travel.csv",
        ])
        let csv = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("travel.csv")
        try rows.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "network.travel.matrix",
                           mentions: ["travel matrix 'travel.csv' has no row from locality 'L07' to site 'SUHFT'"])

        // Complete, it loads and gives the same minutes as the coordinates.
        rows.append("L07,SUHFT,\(config.network!.localities[6].generalMinutes[2]),\(config.network!.localities[6].blueLightMinutes[2])")
        try rows.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let loaded = try Scenario.load(path: path).config.network!
        #expect(loaded.travelFromMatrix)
        #expect(loaded.localities.map(\.blueLightMinutes) == config.network!.localities.map(\.blueLightMinutes))
    }

    @Test func responseTravelIsNotUsedWithStandbyPoints() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  ambulance:",
            "    response_travel: 12 min",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 5, fieldPath: "network.ambulance.response_travel",
                           mentions: ["not used with standby_points"])
    }
    // MARK: rapid response cars

    @Test func aRapidResponseCategoryThatDoesNotExist() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  ambulance:",
            "    rapid_response:",
            "      categories: [c1, c5]",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 6, fieldPath: "network.ambulance.rapid_response.categories[1]",
                           mentions: ["expected one of", "c1", "c4", "'c5'"])
    }

    @Test func aRapidResponseCategoryListedTwice() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  ambulance:",
            "    rapid_response:",
            "      categories:",
            "        - c1",
            "        - c2",
            "        - c1",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 9, fieldPath: "network.ambulance.rapid_response.categories[2]",
                           mentions: ["response category 'c1' is listed twice"])
    }

    @Test func rapidResponseWithNoCategories() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  ambulance:",
            "    rapid_response:",
            "      categories: []",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 6, fieldPath: "network.ambulance.rapid_response.categories",
                           mentions: ["expected a non-empty list of response categories"])
    }

    @Test func rapidResponseCarsAndOnSceneAreChecked() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  ambulance:",
            "    rapid_response:",
            "      cars: [2, 2.5, 2]",
            "      on_scene: forty minutes",
            "      crews: 2",
        ])
        let error = try #require(Broken.error(loading: path))
        Broken.expectIssue(error, file: path, line: 6, fieldPath: "network.ambulance.rapid_response.cars",
                           mentions: ["24 (by hour of day) or 168", "a fraction"])
        Broken.expectIssue(error, file: path, line: 7, fieldPath: "network.ambulance.rapid_response.on_scene",
                           mentions: ["forty minutes"])
        Broken.expectIssue(error, file: path, line: 8, fieldPath: "network.ambulance.rapid_response",
                           mentions: ["unknown key 'crews'", "expected cars, categories, on_scene"])
    }

    /// Cars wait at the standby points: without points they are refused.
    @Test func rapidResponseNeedsStandbyPoints() throws {
        let path = try Broken.write(base: Broken.baseline, [
            "network:",
            "  ambulance:",
            "    standby_points: ~",
            "    dispatch_delay: ~",
            "    local_travel: ~",
            "    response_travel: {lognormal: {mean: 12 min, sd: 6 min}}",
        ])
        let error = try #require(Broken.error(loading: path))
        #expect(error.issues.contains { $0.fieldPath == "network.ambulance.rapid_response"
            && $0.message.contains("rapid response cars wait at the standby points: give standby_points") },
                "\(error)")
    }
}
