package bot

import (
	"sync"
	"time"
)

// limiter is a token bucket per user: burst requests at once, then one every
// `every`. The zero burst means no limit.
type limiter struct {
	burst int
	every time.Duration

	mu    sync.Mutex
	users map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxTracked bounds the users remembered; past it, users whose buckets have
// refilled are forgotten, which changes nothing for them.
const maxTracked = 10000

func newLimiter(burst int, every time.Duration) *limiter {
	return &limiter{burst: burst, every: every, users: map[string]*bucket{}}
}

// allow takes a token for user at time now; when there is none it says how
// long until there will be.
func (l *limiter) allow(user string, now time.Time) (bool, time.Duration) {
	if l.burst <= 0 || l.every <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.users[user]
	if b == nil {
		if len(l.users) >= maxTracked {
			l.forgetFull(now)
		}
		b = &bucket{tokens: float64(l.burst), at: now}
		l.users[user] = b
	}
	b.refill(now, l)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) * float64(l.every))
	return false, wait
}

func (b *bucket) refill(now time.Time, l *limiter) {
	if now.After(b.at) {
		b.tokens = min(float64(l.burst), b.tokens+float64(now.Sub(b.at))/float64(l.every))
		b.at = now
	}
}

func (l *limiter) forgetFull(now time.Time) {
	for user, b := range l.users {
		if b.refill(now, l); b.tokens >= float64(l.burst) {
			delete(l.users, user)
		}
	}
}
