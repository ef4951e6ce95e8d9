"""benchlib: what bench/greedy and bench/score share: reading a kytos QUBO
and a cluster, filling slack bits at their best value, QUBO energy, plan
metrics and the model objective.

The model lives in lib/model.c; objective() below restates it for
rebalance and placement (not recovery's reward ladder) so that plans that
are not QUBO states (the greedy baseline may use any node) are scored the
same way.  bench/score checks it against the QUBO energy of every solver
sample: for a feasible placement with its best slack the two must agree
(test_encoding proves energy = model objective on tiny instances)."""
import json
import math


def load_qubo(path):
    q = {"offset": 0.0, "place": {}, "slack": {}, "diag": {}, "coup": [],
         "kytos": {}, "n": 0, "names": {}}
    with open(path) as f:
        for line in f:
            if line.startswith("c "):
                w = line.split()
                if w[1] == "offset":
                    q["offset"] += float(w[2])
                elif w[1] == "var":
                    i = int(w[2])
                    q["names"][i] = " ".join(w[3:])
                    if w[3] == "place":
                        q["place"][(w[4], w[5])] = i
                    elif w[3] == "slack":
                        q["slack"].setdefault((w[4], w[5]), []).append(
                            (i, float(w[6])))
                elif w[1] == "kytos":
                    for kv in w[2:]:
                        k, _, v = kv.partition("=")
                        q["kytos"][k] = v
            elif line.startswith("p "):
                q["n"] = int(line.split()[3])
            elif line.strip() and line[0] != "c":
                i, j, v = line.split()
                i, j, v = int(i), int(j), float(v)
                if i == j:
                    q["diag"][i] = q["diag"].get(i, 0.0) + v
                else:
                    q["coup"].append((i, j, v))
    return q


def load_cluster(path):
    with open(path) as f:
        c = json.load(f)
    c["node_by_id"] = {n["id"]: n for n in c["nodes"]}
    return c


def res_of(obj, r, kind):
    if r == "cpu":
        return obj.get("cpu_" + kind, 0)
    if r == "mem":
        return obj.get("mem_" + kind, 0)
    return obj.get("extra_" + kind, {}).get(r, 0)


def movers(c, q):
    """Pods with place variables, in cluster order."""
    have = {p for (p, _n) in q["place"]}
    return [p for p in c["pods"] if p["id"] in have]


def fixed_load(c, q):
    """Load of the pods without variables on live nodes."""
    have = {p for (p, _n) in q["place"]}
    load = {}
    for p in c["pods"]:
        n = p.get("current_node")
        if p["id"] in have or n is None:
            continue
        if not c["node_by_id"][n].get("alive", True):
            continue
        load.setdefault(n, []).append(p)
    return load


def fill_slack(c, q, assign):
    """Ones of the slack bits at their best value for a placement."""
    fixed = fixed_load(c, q)
    ones = []
    for (node, r), bits in q["slack"].items():
        g = min(v for _i, v in bits)
        cap = res_of(c["node_by_id"][node], r, "capacity")
        used = sum(res_of(p, r, "request") for p in fixed.get(node, []))
        used += sum(res_of(p, r, "request") for p in c["pods"]
                    if assign.get(p["id"]) == node)
        s = (cap - used) / g
        if s < 0:
            continue        # over capacity: no slack helps
        s = round(s)
        bits = sorted(bits, key=lambda b: b[1])
        last = bits[-1]
        # Bounded binary: 1, 2, 4, ... and a last bit making the total.
        if len(bits) > 1 and s >= last[1] / g:
            ones.append(last[0])
            s -= round(last[1] / g)
            bits = bits[:-1]
        elif len(bits) > 1:
            bits = bits[:-1]
        for i, v in reversed(bits):
            if s >= round(v / g):
                ones.append(i)
                s -= round(v / g)
    return ones


def energy(q, ones):
    x = set(ones)
    e = q["offset"] + sum(v for i, v in q["diag"].items() if i in x)
    e += sum(v for i, j, v in q["coup"] if i in x and j in x)
    return e


def metrics(c, q, assign):
    """Plan metrics for a placement {pod: node or None}."""
    live = [n for n in c["nodes"] if n.get("alive", True)]
    have = {p for (p, _n) in q["place"]}
    where = {}
    for p in c["pods"]:
        if p["id"] in have:
            where[p["id"]] = assign.get(p["id"])
        elif p.get("current_node") and \
                c["node_by_id"][p["current_node"]].get("alive", True):
            where[p["id"]] = p["current_node"]
    out = {}
    resources = {"cpu", "mem"}
    for n in c["nodes"]:
        resources |= set(n.get("extra_capacity", {}))
    for p in c["pods"]:
        resources |= set(p.get("extra_request", {}))
    load = {(n["id"], r): 0 for n in live for r in resources}
    for p in c["pods"]:
        n = where.get(p["id"])
        if n is None:
            continue
        for r in resources:
            load[(n, r)] += res_of(p, r, "request")
    for r in ("cpu", "mem"):
        u = [load[(n["id"], r)] / res_of(n, r, "capacity") for n in live
             if res_of(n, r, "capacity") > 0]
        m = sum(u) / len(u)
        out[r + "_util_max"] = max(u)
        out[r + "_util_stddev"] = math.sqrt(max(0.0, sum(
            x * x for x in u) / len(u) - m * m))
    out["nodes_used"] = len({n for n in where.values() if n is not None})
    out["migrations"] = sum(1 for p in c["pods"] if p["id"] in have and
                            p.get("current_node") and
                            assign.get(p["id"]) not in
                            (None, p["current_node"]))
    out["unplaced"] = sum(1 for p in have if assign.get(p) is None)
    pairs = {}
    for p in c["pods"]:
        n = where.get(p["id"])
        if n is not None and p.get("service"):
            pairs[(n, p["service"])] = pairs.get((n, p["service"]), 0) + 1
    out["anti_affinity_violations"] = sum(k * (k - 1) // 2
                                          for k in pairs.values())
    out["capacity_violations"] = sum(
        1 for n in live for r in resources
        if load[(n["id"], r)] > res_of(n, r, "capacity"))
    return out


def sample(q, ones, solver):
    """Sample JSON as kytos-decode reads it (DESIGN section 5)."""
    ones = sorted(set(ones))
    e = energy(q, ones)
    return {"solver": solver, "status": "ok", "sense": "minimize",
            "num_variables": q["n"], "energy": e, "ones": ones,
            "names": [q["names"].get(i) for i in ones],
            "samples": [{"energy": e, "ones": ones, "count": 1}],
            "meta": {"kytos": q["kytos"]}}


def objective(c, q, assign):
    """The model objective of DESIGN section 4 for a placement, with the
    weights and objective of the QUBO's c kytos header."""
    k = q["kytos"]
    w = {name[2:]: float(v) for name, v in k.items()
         if name.startswith("w.")}
    pack = k.get("objective") == "pack"
    have = {p for (p, _n) in q["place"]}
    where = {}
    total = 0.0
    for p in c["pods"]:
        n = p.get("current_node")
        if p["id"] in have:
            a = assign.get(p["id"])
            where[p["id"]] = a
            if a is None:
                continue
            if n is not None and a != n:
                total += w["move_cost"] * p.get("move_cost", 1)
            total -= w["desire"] * p.get("desire",
                                         1 + p.get("priority", 0))
            img = p.get("image")
            if img is not None and \
                    img not in c["node_by_id"][a].get("images", []):
                total += w["startup"]
        elif n is not None and c["node_by_id"][n].get("alive", True):
            where[p["id"]] = n
    load, count, pairs = {}, {}, {}
    for p in c["pods"]:
        n = where.get(p["id"])
        if n is None:
            continue
        load[n] = [load.get(n, [0, 0])[0] + p["cpu_request"],
                   load.get(n, [0, 0])[1] + p["mem_request"]]
        count[n] = count.get(n, 0) + 1
        if p.get("service"):
            key = (n, p["service"])
            total += w["anti_affinity"] * pairs.get(key, 0)
            pairs[key] = pairs.get(key, 0) + 1
    for node in c["nodes"]:
        if not node.get("alive", True):
            continue
        n = node["id"]
        if pack:
            if count.get(n):
                total += w["cost"] * node.get("cost", 1)
            continue
        for r, cap in enumerate((node["cpu_capacity"],
                                 node["mem_capacity"])):
            if cap > 0:
                u = load.get(n, [0, 0])[r] / cap
                total += w["load_balance"] * u * u
    if w["latency"] != 0 and any(p.get("talks_to") for p in c["pods"]):
        raise SystemExit("benchlib: latency is not restated here")
    return total
