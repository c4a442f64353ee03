import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Broken or inconsistent network scenarios: each is a small file that
/// inherits a shipped Mid and South Essex scenario (`base:` with an
/// absolute path) and changes one thing. Loading must fail with a
/// `ScenarioValidationError` whose issue names the file, line and column,
/// the field path, and what is wrong.
@Suite struct BrokenNetworkScenarioTests {
    static func shipped(_ name: String) -> String { PackagePaths.scenario("mse/\(name).yaml") }
    static var baseline: String { shipped("baseline") }

    /// Writes a child of `base` (lines after `base:` and `name:`, so the
    /// first of `lines` is line 3) and returns its path.
    static func write(base: String, _ lines: [String]) throws -> String {
        let dir = try makeTemporaryDirectory("flowsim-broken-network")
        let url = dir.appendingPathComponent("broken.yaml")
        let text = (["base: \(base)", "name: broken network"] + lines).joined(separator: "\n") + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The validation error thrown when loading `path` (a test failure if none is).
    static func error(loading path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        -> ScenarioValidationError? {
        do {
            _ = try Scenario.load(path: path)
            Issue.record("\(path) was accepted", sourceLocation: sourceLocation)
        } catch let error as ScenarioValidationError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The one issue at `file:line:column` with `fieldPath` whose message
    /// contains every phrase of `mentions`, checked in its printed form too.
    @discardableResult
    static func expectIssue(_ error: ScenarioValidationError, file: String, line: Int, column: Int? = nil,
                            fieldPath: String, mentions: [String],
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ScenarioIssue? {
        let match = error.issues.first { issue in
            issue.location?.file == file && issue.location?.line == line
                && (column == nil || issue.location?.column == column)
                && issue.fieldPath == fieldPath && mentions.allSatisfy(issue.message.contains)
        }
        guard let issue = match else {
            Issue.record("""
                no issue at \(file):\(line):\(column.map(String.init) ?? "*") for '\(fieldPath)' mentioning \(mentions); got:
                \(error.description)
                """, sourceLocation: sourceLocation)
            return nil
        }
        #expect(issue.description.hasPrefix("\(file):\(line):"), sourceLocation: sourceLocation)
        #expect(issue.description.contains(": \(fieldPath): "), sourceLocation: sourceLocation)
        return issue
    }

    /// The line (1-based) where the patient group `id` is defined in the
    /// baseline: routing problems are reported at the group.
    static func baselineLine(ofGroup id: String) throws -> Int {
        let lines = try String(contentsOfFile: baseline, encoding: .utf8).components(separatedBy: "\n")
        let groups = try #require(lines.firstIndex(of: "groups:"))
        let header = try #require(lines[groups...].firstIndex { $0.hasPrefix("  \(id):") })
        // The group's fields start on the next line.
        return header + 2
    }

    @Test func theShippedScenariosThemselvesAreValid() throws {
        for name in ["baseline", "option-1A", "option-1B", "option-1C", "option-2A", "option-2B"] {
            let scenario = try Scenario.load(path: Self.shipped(name))
            #expect(scenario.config.network?.localities.count == 26, "\(name)")
        }
        // And so is a child that changes nothing but its name.
        let path = try Self.write(base: Self.baseline, [])
        #expect(try Scenario.load(path: path).files == [path, Self.baseline])
    }

    // MARK: routing: a patient group with nowhere to go

    /// 1A with the specialist site also taking non-given ambulances only
    /// by day: at night nobody takes stroke, acute medical, emergency
    /// surgical or frail elderly patients. Each group is refused at each
    /// night hour, at the group's definition, in one message listing the
    /// hours (issue 13: not once per hour); the daytime hours are fine.
    @Test func aGroupNoSiteAcceptsAtNight() throws {
        let path = try Self.write(base: Self.shipped("option-1A"), [
            "network:",                                                   // 3
            "  roles:",                                                   // 4
            "    specialist_emergency:",                                  // 5
            "      ambulances: daytime_and_given",                        // 6
            "      given_groups: [resus, minor, paediatric]",             // 7
            "      daytime: {from_hour: 8, to_hour: 20}",                 // 8
        ])
        let error = try #require(Self.error(loading: path))
        let refused = ["stroke", "acute_medical", "emergency_surgical", "frail_elderly"]
        for group in refused {
            let line = try Self.baselineLine(ofGroup: group)
            Self.expectIssue(error, file: Self.baseline, line: line, column: 5, fieldPath: "groups.\(group)",
                             mentions: ["unroutable: no site accepts ambulance patients of group '\(group)' at 00:00-07:59 and 20:00-23:59"])
        }
        // Exactly one problem for the night hours of each non-given group, nothing else.
        #expect(error.issues.count == refused.count, "\(error.description)")
        #expect(!error.issues.contains { $0.message.contains("08:00") || $0.message.contains("19:00") })
        #expect(!error.issues.contains { ["groups.resus", "groups.minor", "groups.paediatric"].contains($0.fieldPath) })
    }

    /// Every site a local emergency centre: ambulances take given groups
    /// only, and nobody admits at all.
    @Test func noSiteAdmitsOrAcceptsTheNonGivenGroups() throws {
        let path = try Self.write(base: Self.baseline, [
            "sites:",                                                     // 3
            "  BTUHFT: {role: local_emergency_centre}",                   // 4
            "  MEHT: {role: local_emergency_centre}",                     // 5
            "  SUHFT: {role: local_emergency_centre}",                    // 6
        ])
        let error = try #require(Self.error(loading: path))
        let stroke = try Self.baselineLine(ofGroup: "stroke")
        Self.expectIssue(error, file: Self.baseline, line: stroke, column: 5, fieldPath: "groups.stroke",
                         mentions: ["unroutable: no site accepts ambulance patients of group 'stroke' at any hour"])
        Self.expectIssue(error, file: Self.baseline, line: stroke, column: 5, fieldPath: "groups.stroke",
                         mentions: ["patient group 'stroke' is admitted with probability 0.85",
                                    "no site admits to ward 'stroke'"])
        let acute = try Self.baselineLine(ofGroup: "acute_medical")
        Self.expectIssue(error, file: Self.baseline, line: acute, column: 5, fieldPath: "groups.acute_medical",
                         mentions: ["no site accepts GP admissions of group 'acute_medical'", "ward 'medical'"])
        // Given groups still have an ambulance destination, but not a bed.
        #expect(!error.issues.contains { $0.fieldPath == "groups.resus" && $0.message.contains("ambulance patients") })
        let resus = try Self.baselineLine(ofGroup: "resus")
        Self.expectIssue(error, file: Self.baseline, line: resus, column: 5, fieldPath: "groups.resus",
                         mentions: ["no site admits to ward 'medical'"])
    }

    /// Stroke beds removed everywhere: stroke patients, admitted with
    /// probability 0.85, have no ward anywhere.
    @Test func aGroupNoSiteCanAdmit() throws {
        let path = try Self.write(base: Self.baseline, [
            "sites:",                                                     // 3
            "  BTUHFT: {wards: {stroke: {beds: 0}}}",                     // 4
            "  MEHT: {wards: {stroke: {beds: 0}}}",                       // 5
            "  SUHFT: {wards: {stroke: {beds: 0}}}",                      // 6
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: Self.baseline, line: try Self.baselineLine(ofGroup: "stroke"), column: 5,
                         fieldPath: "groups.stroke",
                         mentions: ["unroutable: patient group 'stroke' is admitted with probability 0.85",
                                    "no site admits to ward 'stroke'"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    // MARK: roles and services

    /// A role that admits to a service (ward) no site has.
    @Test func aRoleNamingAMissingService() throws {
        let path = try Self.write(base: Self.shipped("option-2A"), [
            "network:",                                                   // 3
            "  roles:",                                                   // 4
            "    emergency_centre:",                                      // 5
            "      admits: [medical, surgical, cardiology, paediatric]",  // 6
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: path, line: 6, column: 35, fieldPath: "network.roles.emergency_centre.admits[2]",
                         mentions: ["role 'emergency_centre' admits to ward 'cardiology', which no site has",
                                    "(wards: elective, medical, paediatric, stroke, surgical)"])
    }

    /// A mistake inside a role is reported there, once: sites naming the
    /// role are checked against the roles written, not those that parsed.
    @Test func aMistakeInsideARoleIsReportedOnlyOnce() throws {
        let path = try Self.write(base: Self.shipped("option-2A"), [
            "network:",                                                   // 3
            "  roles:",                                                   // 4
            "    emergency_centre:",                                      // 5
            "      admits: [medical, surgical, cardiology, paediatric]",  // 6
        ])
        let error = try #require(Self.error(loading: path))
        #expect(error.issues.contains { $0.fieldPath == "network.roles.emergency_centre.admits[2]" })
        #expect(!error.issues.contains { $0.message.contains("unknown role 'emergency_centre'") },
                "\(error.description)")
    }

    @Test func aSiteWithAnUnknownRole() throws {
        let path = try Self.write(base: Self.shipped("option-2A"), [
            "sites:",                                                     // 3
            "  MEHT:",                                                    // 4
            "    role: specialist",                                       // 5
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: path, line: 5, column: 11, fieldPath: "sites.MEHT.role",
                         mentions: ["unknown role 'specialist'", "did you mean 'specialist_emergency'?",
                                    "(roles: district_general, specialist_emergency, emergency_centre, local_emergency_centre)"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    /// A role that keeps elective beds apart needs an elective ward at
    /// each of its sites.
    @Test func anEmergencyCentreWithoutElectiveBeds() throws {
        let path = try Self.write(base: Self.shipped("option-2A"), [
            "sites:",                                                     // 3
            "  MEHT:",                                                    // 4
            "    wards:",                                                 // 5
            "      elective: null",                                       // 6
        ])
        let error = try #require(Self.error(loading: path))
        let issue = try #require(error.issues.first { $0.fieldPath == "sites.MEHT.electives.ward" }, "\(error.description)")
        #expect(issue.message.contains("role 'emergency_centre' keeps elective beds apart, so site 'MEHT' needs a ward 'elective'"))
        // The electives (and their ward) are written in the baseline.
        #expect(issue.location?.file == Self.baseline)
    }

    // MARK: localities and demand

    /// A locality whose location is removed, with no travel minutes given.
    @Test func aLocalityWithoutTravelTimes() throws {
        let path = try Self.write(base: Self.baseline, [
            "localities:",                                                // 3
            "  L03: {location: null}",                                    // 4
        ])
        let error = try #require(Self.error(loading: path))
        for site in ["BTUHFT", "MEHT", "SUHFT"] {
            Self.expectIssue(error, file: path, line: 4, column: 8, fieldPath: "localities.L03",
                             mentions: ["locality 'L03' has no road travel time to site '\(site)'",
                                        "give localities.L03.location and sites.\(site).location, or localities.L03.travel_minutes.general.\(site)"])
            Self.expectIssue(error, file: path, line: 4, column: 8, fieldPath: "localities.L03",
                             mentions: ["locality 'L03' has no blue-light travel time to site '\(site)'",
                                        "localities.L03.travel_minutes.blue_light.\(site)"])
        }
        #expect(error.issues.count == 6, "\(error.description)")
    }

    /// A new locality with a population but neither a location nor travel
    /// minutes; giving only some of its minutes names the missing ones.
    @Test func aNewLocalityWithSomeTravelTimesMissing() throws {
        let path = try Self.write(base: Self.baseline, [
            "localities:",                                                        // 3
            "  L27:",                                                             // 4
            "    name: New Town",                                                 // 5
            "    population: 10000",                                              // 6
            "    travel_minutes:",                                                // 7
            "      general: {BTUHFT: 20 min, MEHT: 30 min, SUHFT: 25 min}",       // 8
            "      blue_light: {BTUHFT: 15 min, MEHT: 22 min}",                   // 9
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: path, line: 5, column: 5, fieldPath: "localities.L27",
                         mentions: ["locality 'L27' has no blue-light travel time to site 'SUHFT'",
                                    "localities.L27.travel_minutes.blue_light.SUHFT"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    @Test func aNegativePopulation() throws {
        let path = try Self.write(base: Self.baseline, [
            "localities:",                                                // 3
            "  L05: {population: -42778}",                                // 4
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: path, line: 4, column: 21, fieldPath: "localities.L05.population",
                         mentions: ["expected a number >= 0", "got -42778"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    @Test func anUnknownDemandChannel() throws {
        let path = try Self.write(base: Self.baseline, [
            "network:",                                                   // 3
            "  demand:",                                                  // 4
            "    walkin: {per_1000_per_year: 10, mix: {minor: 1}}",       // 5
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: path, line: 5, column: 13, fieldPath: "network.demand.walkin",
                         mentions: ["unknown demand channel 'walkin'", "did you mean 'walk_in'?",
                                    "(channels: walk_in, nhs_111, ambulance_999, gp_admission)"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    @Test func nhs111DispositionsThatDoNotSumToOne() throws {
        let path = try Self.write(base: Self.baseline, [
            "network:",                                                   // 3
            "  nhs_111:",                                                 // 4
            "    dispositions: {self_care: 0.2, primary_care: 0.625, other_service: 0.045, emergency_department: 0.077, ambulance: 0.11}",   // 5
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: path, line: 5, column: 19, fieldPath: "network.nhs_111.dispositions",
                         mentions: ["probabilities must sum to 1", "got 1.057"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    /// Changing one share inherits the others: the merged mapping is checked.
    @Test func oneChangedDispositionIsCheckedWithTheInheritedOnes() throws {
        let path = try Self.write(base: Self.baseline, [
            "network:",                                                   // 3
            "  nhs_111:",                                                 // 4
            "    dispositions:",                                          // 5
            "      self_care: 0.1",                                       // 6
        ])
        let error = try #require(Self.error(loading: path))
        let issue = try #require(error.issues.first { $0.fieldPath == "network.nhs_111.dispositions" }, "\(error.description)")
        #expect(issue.message.contains("probabilities must sum to 1, got 0.957"))
        #expect(issue.location?.file == path && issue.location?.line == 6)
    }

    /// Mappings merge key by key, so a misspelt disposition must replace
    /// (null) the real one to be seen on its own.
    @Test func anUnknownDisposition() throws {
        let path = try Self.write(base: Self.baseline, [
            "network:",                                                   // 3
            "  nhs_111:",                                                 // 4
            "    dispositions: {other_service: null, other: 0.045}",      // 5
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: path, line: 5, column: 19, fieldPath: "network.nhs_111.dispositions",
                         mentions: ["unknown disposition 'other'", "did you mean 'other_service'?",
                                    "(dispositions: self_care, primary_care, other_service, emergency_department, ambulance)"])
        #expect(error.issues.count == 1, "\(error.description)")
    }

    @Test func aRoleGivenAnUnknownGroup() throws {
        let path = try Self.write(base: Self.shipped("option-2A"), [
            "network:",                                                   // 3
            "  roles:",                                                   // 4
            "    local_emergency_centre:",                                // 5
            "      given_groups: [resus, minr, paediatric]",              // 6
        ])
        let error = try #require(Self.error(loading: path))
        Self.expectIssue(error, file: path, line: 6, column: 29,
                         fieldPath: "network.roles.local_emergency_centre.given_groups[1]",
                         mentions: ["unknown patient group 'minr'", "did you mean 'minor'?"])
    }
}
