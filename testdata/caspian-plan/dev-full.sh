# A write error on stdout is an error (exit 1), not a silent success.
caspian-plan synthetic.json >/dev/full
echo "exit $?"
