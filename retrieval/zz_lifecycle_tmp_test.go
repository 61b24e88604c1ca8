package retrieval

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestZZLifecycleReopen(t *testing.T) {
	root := os.Getenv("ZZROOT")
	if root == "" {
		t.Skip()
	}
	start := time.Now()
	s, rep, err := OpenStore(context.Background(), os.Getenv("ZZIDX"), root, StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("open %v %+v", time.Since(start), rep.Reopened)
	for range 3 {
		start = time.Now()
		rep, err = s.Reload(context.Background())
		t.Logf("reload %v %v %v", time.Since(start), rep.Reopened, err)
	}
	s.Close()
}
