# -e: an infeasible model exits 4 (DESIGN section 2).
kytos-milp -e -m placement infeasible.json >/dev/null
echo "exit $?"
