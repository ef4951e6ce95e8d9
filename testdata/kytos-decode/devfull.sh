kytos-decode tiny.json none.in >/dev/full
