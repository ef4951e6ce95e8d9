# man page EXAMPLES: the at-most-one groups of a recovery QUBO
kytos-qubo -m recovery -q recovery.json | grep '^c atmostone'
