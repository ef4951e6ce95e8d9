caspian-dispatch --defaults defaults.json jobs.json <plan.json >/dev/full
echo "exit $?"
