package deploy

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"testing"
	"time"
)

// pki is a throwaway CA with a serving certificate for 127.0.0.1 and a
// client certificate, as deploy/apiserver/README.md makes them.
type pki struct {
	caPEM, certPEM, keyPEM []byte
	client                 tls.Certificate
	pool                   *x509.CertPool
}

func newPKI(t *testing.T) *pki {
	t.Helper()
	caKey, caTmpl := key(t), &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "aerie-ca"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER := sign(t, caTmpl, caTmpl, caKey, caKey)
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	p := &pki{caPEM: pemOf("CERTIFICATE", caDER), pool: x509.NewCertPool()}
	p.pool.AddCert(ca)
	srvKey := key(t)
	srv := leaf(2, "aerie-webhook", x509.ExtKeyUsageServerAuth)
	srv.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
	p.certPEM = pemOf("CERTIFICATE", sign(t, srv, ca, srvKey, caKey))
	p.keyPEM = keyPEM(t, srvKey)
	cliKey := key(t)
	cliPEM := pemOf("CERTIFICATE", sign(t, leaf(3, "kube-apiserver", x509.ExtKeyUsageClientAuth), ca, cliKey, caKey))
	if p.client, err = tls.X509KeyPair(cliPEM, keyPEM(t, cliKey)); err != nil {
		t.Fatal(err)
	}
	return p
}

func leaf(serial int64, cn string, usage x509.ExtKeyUsage) *x509.Certificate {
	return &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage}}
}

func key(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sign(t *testing.T, tmpl, parent *x509.Certificate, k, parentKey *ecdsa.PrivateKey) []byte {
	t.Helper()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &k.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func keyPEM(t *testing.T, k *ecdsa.PrivateKey) []byte {
	t.Helper()
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pemOf("EC PRIVATE KEY", der)
}

func pemOf(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}
