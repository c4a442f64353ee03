import FlowSimCore

/// The ambulance service: a call, its response category, a vehicle from
/// the fleet (or a wait for one, most urgent category first), travel to
/// the scene, treatment at the scene or conveyance to the nearest site
/// that accepts the patient at that hour, handover, cleaning, and (with
/// standby points) the drive back to the vehicle's point. With rapid
/// response cars, a free car also goes to calls of their categories; the
/// response is the first arrival, car or crew.
extension FlowModel {
    mutating func call999(locality: Int, group: Int, clock: inout Clock<ModelEvent>) {
        let now = clock.now
        recorder.incident(at: now)
        let outcome = AmbulanceOutcome(rawValue: sampling.ambulanceOutcome[group].sample(sampling.outcomeStream[group]))!
        if outcome == .hearAndTreat {
            recorder.hearAndTreat(at: now)
            return
        }
        let patient = patients.admit(at: now, site: -1, group: group, locality: locality,
                                     channel: UInt8(ArrivalChannel.ambulance.rawValue), stage: .awaitingVehicle)
        arrivedTotal += 1
        patients[Int(patient)].conveyed = outcome == .convey
        // A group with one category draws nothing.
        let fixed = sampling.fixedCategory[group]
        let category = fixed >= 0 ? fixed : sampling.categoryDraw[group].sample(sampling.categoryStream[group])
        patients[Int(patient)].category = UInt8(category)
        if pools[layout.fleet].seize(patient, priority: category, now: now) {
            dispatch(patient, clock: &clock)
        }
        if standby.carCategories & (1 << UInt8(category)) != 0 { sendCar(patient, category: category, clock: &clock) }
        // A second vehicle (backup, rapid response car, stood down en
        // route) goes only if one is free now.
        let crew = sampling.ambulance!
        if crew.stream.nextUniform() < crew.secondaryProbability,
           pools[layout.fleet].idle > 0, pools[layout.fleet].queueLength == 0 {
            _ = pools[layout.fleet].seize(-1, now: now)
            recorder.vehicleDispatched(at: now)
            // Its `secondaryJob` is the whole cycle, back at its point
            // included (stood down en route, most are never far from it).
            let job = crew.secondaryJob.sample(crew.stream)
            var point = 0
            if standby.points > 0 { point = standby.take(origin: locality, capacity: pools[layout.fleet].capacity).point }
            clock.schedule(ModelEvent(kind: .vehicleFree, subject: Int32(point)), after: job, phase: .release)
        }
    }

    /// A vehicle became free for a waiting patient: a 999 incident or a
    /// transfer between sites.
    mutating func assignVehicle(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        if patients[Int(patient)].stage == .awaitingTransfer {
            startTransfer(patient, clock: &clock)
        } else {
            dispatch(patient, clock: &clock)
        }
    }

    mutating func dispatch(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        recorder.vehicleDispatched(at: clock.now)
        let p = Int(patient)
        patients[p].stage = .withCrew
        let crew = sampling.ambulance!
        guard standby.points > 0 else {
            clock.schedule(ModelEvent(kind: .crewAtScene, subject: patient), after: crew.response.sample(crew.stream))
            return
        }
        // The nearest point with a vehicle free now: searched once per
        // dispatch, over the points in the locality's order.
        let locality = Int(patients[p].locality)
        let vehicle = standby.take(origin: locality, capacity: pools[layout.fleet].capacity)
        patients[p].vehiclePoint = Int16(vehicle.point)
        let response = standby.dispatchDelay[Int(patients[p].category)].sample(standby.stream) + vehicle.minutes
            + standby.localTravel.sample(standby.stream)
        clock.schedule(ModelEvent(kind: .crewAtScene, subject: patient), after: response)
    }

    /// A rapid response car, if one is free at a point now, from the
    /// nearest such point: at the scene after the call's dispatch delay and
    /// the travel (its own draws), busy there for `on_scene`, then back.
    mutating func sendCar(_ patient: Int32, category: Int, clock: inout Clock<ModelEvent>) {
        let p = Int(patient), locality = Int(patients[p].locality)
        guard let car = standby.takeCar(origin: locality, hourOfWeek: CalendarTime.hourOfWeek(clock.now)) else { return }
        recorder.carDispatched(at: clock.now)
        let stream = standby.carStream
        let response = standby.dispatchDelay[category].sample(stream) + car.minutes + standby.localTravel.sample(stream)
        clock.schedule(ModelEvent(kind: .carAtScene, subject: patient, tag: patients[p].generation), after: response)
        let busy = response + standby.carOnScene.sample(stream)
            + standby.fromLocality[car.point * standby.localities + locality]
        clock.schedule(ModelEvent(kind: .carFree, subject: Int32(car.point)), after: busy, phase: .release)
    }

    /// The car reached the scene: the response, unless the crew was first
    /// (or the slot now holds another patient).
    mutating func carAtScene(_ patient: Int32, generation: UInt32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        guard patients[p].generation == generation, !patients[p].responded else { return }
        respond(patient, byCar: true, at: clock.now)
    }

    /// The response clock stops at the first responder on scene (Ambulance
    /// Response Programme).
    mutating func respond(_ patient: Int32, byCar: Bool, at now: Double) {
        let p = Int(patient)
        patients[p].responded = true
        let category = Int(patients[p].category)
        let minutes = now - patients[p].callTime
        recorder.responded(patient: patient, category: category, minutes: minutes, at: now)
        recorder.ambulanceResponded(locality: Int(patients[p].locality), category: category, minutes: minutes,
                                    at: now)
        if byCar { recorder.carFirstOnScene(category: category, at: now) }
    }

    mutating func crewAtScene(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        if !patients[p].responded { respond(patient, byCar: false, at: clock.now) }
        let crew = sampling.ambulance!
        if patients[p].conveyed {
            clock.schedule(ModelEvent(kind: .crewLeavesScene, subject: patient),
                           after: crew.onSceneConveyed.sample(crew.stream))
            return
        }
        recorder.seenAndTreated(at: clock.now)
        var busy = crew.onSceneSeeAndTreat.sample(crew.stream) + crew.clear.sample(crew.stream)
        let point = Int(patients[p].vehiclePoint)
        if standby.points > 0 { busy += standby.fromLocality[point * standby.localities + Int(patients[p].locality)] }
        clock.schedule(ModelEvent(kind: .vehicleFree, subject: Int32(point)), after: busy, phase: .release)
        leaveSystem(patient, clock: &clock)
    }

    /// The destination is chosen as the crew leaves the scene, by the
    /// routing rules in force at that hour.
    mutating func crewLeavesScene(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        let p = Int(patient)
        let locality = Int(patients[p].locality), group = Int(patients[p].group)
        let site = routing.ambulanceSite(locality: locality, group: group, hour: CalendarTime.hourOfDay(clock.now))
        let minutes = travel.blueLight[locality * siteCount + site]
        patients[p].site = Int16(site)
        recorder.conveyed(patient: patient, site: site, travel: minutes, at: clock.now)
        clock.schedule(ModelEvent(kind: .ambulanceArrival, subject: patient), after: minutes)
    }

    mutating func ambulanceArrives(_ patient: Int32, clock: inout Clock<ModelEvent>) {
        patients[Int(patient)].awaitingHandover = true
        enterDepartment(patient, clock: &clock)
    }

    /// The crew of `patient` finishes at `site` in `busy` minutes. With
    /// standby points it is free from then on, at the site while it drives
    /// back to its point (`vehicleFree` with subject points + site × points
    /// + point), so a call near the site can take it on the way.
    mutating func releaseVehicle(of patient: Int32, atSite site: Int, after busy: Double,
                                 clock: inout Clock<ModelEvent>) {
        let point = Int(patients[Int(patient)].vehiclePoint)
        let subject = standby.points > 0 ? standby.points + site * standby.points + point : 0
        clock.schedule(ModelEvent(kind: .vehicleFree, subject: Int32(subject)), after: busy, phase: .release)
    }

    /// A vehicle for a transfer out of `site`: the nearest free one comes
    /// from its point (minutes returned; 0 without standby points).
    mutating func transferVehicle(for patient: Int32, atSite site: Int) -> Double {
        guard standby.points > 0 else { return 0 }
        let vehicle = standby.take(origin: standby.localities + site, capacity: pools[layout.fleet].capacity)
        patients[Int(patient)].vehiclePoint = Int16(vehicle.point)
        return vehicle.minutes
    }

    /// A vehicle is free: back at its point (`subject` < points), or at a
    /// site after a job, from where it heads home.
    mutating func freeVehicle(point subject: Int, clock: inout Clock<ModelEvent>) {
        if standby.points > 0 {
            if subject < standby.points {
                standby.busy[subject] -= 1
            } else {
                let k = subject - standby.points
                standby.atSite[k] += 1
                let site = k / standby.points, point = k % standby.points
                standby.freeAtSite[site] += 1
                clock.schedule(ModelEvent(kind: .vehicleHome, subject: Int32(k)),
                               after: standby.fromSite[point * standby.sites + site], phase: .release)
            }
        }
        if let next = pools[layout.fleet].release(now: clock.now) {
            assignVehicle(next, clock: &clock)
        }
    }

    /// A vehicle that was free at a site is back at its point, unless it
    /// was taken on the way (then this event finds none of its kind there).
    mutating func vehicleHome(_ k: Int) {
        if standby.atSite[k] > 0 {
            standby.atSite[k] -= 1
            standby.freeAtSite[k / standby.points] -= 1
            standby.busy[k % standby.points] -= 1
        }
    }

    /// Where a walk-in from `locality` goes: the nearest A&E, or, for the
    /// share who follow the emergency services, where an ambulance would
    /// take them at this hour (if that site takes walk-ins).
    mutating func walkInSite(locality: Int, group: Int, at now: Double) -> Int {
        let nearest = routing.walkIn[perGroup(locality, group)]
        guard standby.followShare > 0, standby.followStream.nextUniform() < standby.followShare else { return nearest }
        let site = routing.followedWalkIn[perGroup(locality, group) * 24 + CalendarTime.hourOfDay(now)]
        if site != nearest { recorder.walkInDiverted(locality: locality, site: site, at: now) }
        return site
    }
}

/// Standby points and the vehicles on duty at each, in flat arrays.
struct StandbyRuntime {
    let points: Int
    let localities: Int
    let sites: Int
    /// Vehicles of each point away from it (on a job, or free at a site on
    /// the way back). The counters are written on every dispatch and every
    /// vehicle freed, so they are tables written in place (`InPlaceTable`):
    /// as arrays, each write asked the runtime whether the buffer was shared.
    let busy: InPlaceTable<Int32>
    /// [site × points + point]: vehicles of the point free at the site;
    /// and per site, their sum (so the search skips a site with none).
    let atSite: InPlaceTable<Int32>
    let freeAtSite: InPlaceTable<Int32>
    /// [total on duty × points + point] → vehicles of the point on duty.
    let apportioned: [Int32]
    let largestTotal: Int
    /// [origin × (points + sites) + k]: where a free vehicle may be, nearest
    /// first, for each locality and then each site (origin = localities +
    /// site): a point (< points) or a site (points + site); and the minutes
    /// from there.
    let order: [Int16]
    let orderMinutes: [Double]
    /// [point × localities + locality], [point × sites + site].
    let toLocality: [Double]
    let toSite: [Double]
    let fromLocality: [Double]
    let fromSite: [Double]
    /// By category.
    let dispatchDelay: [Sampler]
    let localTravel: Sampler
    let stream: RandomStream
    /// Share of walk-ins who follow the emergency services.
    let followShare: Double
    let followStream: RandomStream
    /// Rapid response cars: the categories they go to (bit c for category
    /// c, 0-3; none without cars), cars on duty by hour of the week,
    /// [total on duty × points + point] → cars of the point, and cars of
    /// each point away from it.
    let carCategories: UInt8
    let carRota: [Int]
    let carApportioned: [Int32]
    let carsBusy: InPlaceTable<Int32>
    let carOnScene: Sampler
    let carStream: RandomStream

    /// Takes a car from the nearest point with one on duty and home (the
    /// locality's order of points); nil when none is.
    @inline(__always)
    mutating func takeCar(origin: Int, hourOfWeek: Int) -> (point: Int, minutes: Double)? {
        let row = carRota[hourOfWeek] * points, n = points + sites, base = origin * n
        for k in 0..<n {
            let e = Int(order[base + k])
            if e < points && carsBusy[e] < carApportioned[row + e] {
                carsBusy[e] += 1
                return (e, orderMinutes[base + k])
            }
        }
        return nil
    }

    /// A car is back at its point.
    mutating func carHome(_ point: Int) {
        carsBusy[point] -= 1
    }

    /// Takes the nearest free vehicle for `origin`: at a point with one on
    /// duty and home, or free at a site on its way back. If none is (a
    /// rota step can leave every point full for an instant), the nearest
    /// point's. Returns the vehicle's point and the minutes to `origin`.
    @inline(__always)
    mutating func take(origin: Int, capacity: Int) -> (point: Int, minutes: Double) {
        let total = min(capacity, largestTotal)
        let row = total * points, n = points + sites, base = origin * n
        var fallback = -1
        for k in 0..<n {
            let e = Int(order[base + k])
            if e < points {
                if busy[e] < apportioned[row + e] {
                    busy[e] += 1
                    return (e, orderMinutes[base + k])
                }
                if fallback < 0 { fallback = k }
            } else if freeAtSite[e - points] > 0 {
                let first = (e - points) * points
                for p in 0..<points where atSite[first + p] > 0 {
                    atSite[first + p] -= 1
                    freeAtSite[e - points] -= 1
                    return (p, orderMinutes[base + k])
                }
            }
        }
        let p = Int(order[base + fallback])
        busy[p] += 1
        return (p, orderMinutes[base + fallback])
    }

    static func build(_ config: ModelConfig, largestTotal: Int, streams: RandomStreams,
                      tables: SamplerTables) -> StandbyRuntime {
        // Where a vehicle may be, and its minutes to each origin: points
        // by blue light; sites by blue light to a locality, by road to a site.
        let network = config.network
        let points = network?.ambulance.standbyPoints ?? []
        let localities = network?.localities.count ?? 0, sites = config.sites.count
        let shares = points.map(\.share)
        var apportioned: [Int32] = []
        var order: [Int16] = [], orderMinutes: [Double] = []
        if !points.isEmpty {
            for total in 0...largestTotal {
                apportioned += StandbyPointConfig.apportion(total, shares: shares).map { Int32($0) }
            }
            let n = points.count + sites
            func add(_ minutes: (Int) -> Double) {
                let sorted = (0..<n).sorted { (minutes($0), $0) < (minutes($1), $1) }
                order += sorted.map { Int16($0) }
                orderMinutes += sorted.map(minutes)
            }
            for (l, locality) in (network?.localities ?? []).enumerated() {
                add { e in e < points.count ? points[e].toLocalityMinutes[l] : locality.blueLightMinutes[e - points.count] }
            }
            for s in 0..<sites {
                add { e in e < points.count ? points[e].toSiteMinutes[s] : network!.interSiteMinutes[e - points.count][s] }
            }
        }
        let a = network?.ambulance
        let cars = points.isEmpty ? nil : a?.rapidResponse
        var carApportioned: [Int32] = []
        if let cars {
            for total in 0...cars.cars.maximum {
                carApportioned += StandbyPointConfig.apportion(total, shares: shares).map { Int32($0) }
            }
        }
        return StandbyRuntime(
            points: points.count, localities: localities, sites: sites,
            busy: InPlaceTable(repeating: 0, count: points.count),
            atSite: InPlaceTable(repeating: 0, count: points.count * sites),
            freeAtSite: InPlaceTable(repeating: 0, count: sites),
            apportioned: apportioned, largestTotal: largestTotal, order: order, orderMinutes: orderMinutes, toLocality: points.flatMap(\.toLocalityMinutes), toSite: points.flatMap(\.toSiteMinutes),
            fromLocality: points.flatMap(\.fromLocalityMinutes), fromSite: points.flatMap(\.fromSiteMinutes),
            dispatchDelay: (a?.dispatchDelay ?? Array(repeating: .constant(0), count: 4)).map { Sampler($0, tables: tables) },
            localTravel: Sampler(a?.localTravel ?? .constant(0), tables: tables),
            stream: streams.stream("ambulance/standby"),
            followShare: network?.walkInsFollowAmbulance ?? 0,
            followStream: streams.stream("demand/walk-in-follow"),
            carCategories: cars?.categories.reduce(UInt8(0)) { $0 | UInt8(1) << UInt8($1) } ?? 0,
            carRota: cars?.cars.byHourOfWeek ?? [], carApportioned: carApportioned,
            carsBusy: InPlaceTable(repeating: 0, count: points.count),
            carOnScene: Sampler(cars?.onScene ?? .constant(0), tables: tables),
            carStream: streams.stream("ambulance/rapid-response"))
    }
}
