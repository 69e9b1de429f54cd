package worker

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) this process has used, which
// stays meaningful when other work shares the machine and wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
